package org.openvisit.shared.interfaces.web;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openvisit.operations.interfaces.web.OperationsPaths;
import org.openvisit.shared.infrastructure.Jsons;
import org.primefaces.csp.CspException;

import java.io.IOException;

/**
 * The container's dispatch to a JSF error page (web.xml {@code error-page}): a view that expired (the sign-in form
 * left open too long) is a request that cannot be used any more, so {@code 400} with the expired page, not the
 * {@code 500} the container keeps for every exception. A form post without its page's script nonce (PrimeFaces'
 * nonce mode: a page from before a restart or from another tab, or a post not made by our page) is the same case.
 * A monitoring client refused at the operations endpoints ({@code /metrics}, {@code /health}: a signed-in caller who
 * is not an operator) gets a problem document, not a page (and no session).
 * <p>
 * The error page of a failed form post is rendered through a forward: PrimeFaces gives a forwarded page a nonce of
 * its own, while it would look for the failed post's nonce on the container's error dispatch and fail again (an
 * empty 500).
 */
@WebFilter(filterName = "ErrorPages", urlPatterns = "*.xhtml", dispatcherTypes = DispatcherType.ERROR)
public class ErrorPages extends HttpFilter {

    private static final long serialVersionUID = 1L;
    private static final String EXPIRED_PAGE = "/expired.xhtml";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (response.getHeader("Content-Security-Policy") == null) {
            // the container's error dispatch left the page without the headers the request's filter had set
            PageHeaders.applyToRefusal(response);
        }
        if (forbiddenOperations(request)) {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(Jsons.createObjectBuilder().add("type", "about:blank").add("title", "Forbidden")
                    .add("status", HttpServletResponse.SC_FORBIDDEN)
                    .add("detail", "Metrics and the health report are for operators (role OPERATOR).").build().toString());
            return;
        }
        if (expired(request.getAttribute(RequestDispatcher.ERROR_EXCEPTION))) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            // the container picks the Throwable mapping for a wrapped ViewExpiredException
            request.getRequestDispatcher(EXPIRED_PAGE).forward(request, response);
            return;
        }
        if ("POST".equals(request.getMethod())) {
            request.getRequestDispatcher(request.getServletPath()).forward(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean forbiddenOperations(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return Integer.valueOf(HttpServletResponse.SC_FORBIDDEN).equals(status) && uri instanceof String path
                && OperationsPaths.covers(path.substring(Math.min(path.length(), request.getContextPath().length())));
    }

    private static boolean expired(Object failure) {
        for (Object f = failure; f instanceof Throwable t; f = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ViewExpiredException || t instanceof CspException) {
                return true;
            }
        }
        return false;
    }
}
