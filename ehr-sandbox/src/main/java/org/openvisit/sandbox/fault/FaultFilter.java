package org.openvisit.sandbox.fault;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/** Applies the switched-on fault to every request to the FHIR API (including its SMART discovery document). */
@WebFilter(urlPatterns = "/fhir/*")
public class FaultFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(FaultFilter.class.getName());

    @Inject
    private transient FaultSwitch faults;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Fault> fault = faults.nextRequest();
        if (fault.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        LOG.info(() -> "fault " + fault.get().mode() + " on " + request.getMethod() + " " + request.getRequestURI());
        switch (fault.get().mode()) {
            case ERROR -> outcome(response, 500, "exception", "Simulated server error (sandbox fault switch)");
            case RATE_LIMITED -> {
                response.setHeader("Retry-After", Long.toString(fault.get().retryAfter().toSeconds()));
                outcome(response, 429, "throttled", "Too many requests (sandbox fault switch)");
            }
            case DOWN -> outcome(response, 503, "transient", "Service unavailable (sandbox fault switch)");
            case HANG -> {
                hold(fault.get());
                chain.doFilter(request, response);
            }
            case CONCURRENT_EDIT -> chain.doFilter(request, response); // applied by the update itself
        }
    }

    private static void hold(Fault fault) {
        try {
            Thread.sleep(fault.hang().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void outcome(HttpServletResponse response, int status, String code, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
                + code + "\",\"diagnostics\":\"" + text + "\"}]}");
    }
}
