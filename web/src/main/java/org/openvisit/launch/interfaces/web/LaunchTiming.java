package org.openvisit.launch.interfaces.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.smart.OutboundTiming;

import java.io.IOException;
import java.util.Locale;

/**
 * Times each launch request and tells the browser, in a standard {@code Server-Timing} header, how
 * much of it was spent waiting for the EHR ({@code ehr}) and how much was OpenVisit's own work
 * ({@code app}): what the launch benchmark reads, and what an administrator sees in the browser's
 * developer tools when a launch feels slow.
 */
@WebFilter({"/launch", "/launch/*"})
public class LaunchTiming extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final ThreadLocal<Long> STARTED = new ThreadLocal<>();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        STARTED.set(System.nanoTime());
        OutboundTiming.start();
        try {
            chain.doFilter(request, response);
        } finally {
            OutboundTiming.clear();
            STARTED.remove();
        }
    }

    /** Sets the header on a launch response about to be written (a redirect or a refusal page). */
    static void report(HttpServletResponse response) {
        Long started = STARTED.get();
        if (started == null) {
            return;
        }
        long total = System.nanoTime() - started;
        long ehr = OutboundTiming.waitedNanos();
        response.setHeader("Server-Timing", String.format(Locale.ROOT, "ehr;dur=%.3f, app;dur=%.3f",
                ehr / 1e6, Math.max(0, total - ehr) / 1e6));
    }
}
