package org.openvisit.shared.interfaces.web;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;
import org.openvisit.identity.interfaces.web.SessionCookiePolicy;
import org.openvisit.identity.interfaces.web.SessionCookieSettings;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts the session cookie policy's attributes into the {@code Set-Cookie} header the container wrote (and, behind
 * a balancer, this node's route cookie beside it, see {@link SessionCookieSettings}):
 * right after a session is created or its id changed (through the wrapped request), and before the
 * response is committed (through the wrapped response), whoever created the session.
 */
final class SessionCookieHeaders {

    private final SessionCookiePolicy policy;
    private final Optional<String> nodeRoute;
    private final HttpServletResponse response;

    SessionCookieHeaders(SessionCookiePolicy policy, Optional<String> nodeRoute, HttpServletResponse response) {
        this.policy = policy;
        this.nodeRoute = nodeRoute;
        this.response = response;
    }

    /** Rewrites the session cookie's header, when there is one and the response is not committed yet. */
    void apply() {
        if (response.isCommitted()) {
            return;
        }
        List<String> values = new ArrayList<>(response.getHeaders("Set-Cookie"));
        List<String> rewritten = new ArrayList<>(values.stream().map(policy::apply).toList());
        boolean session = values.stream().anyMatch(v -> v.startsWith(policy.name() + "="));
        boolean routed = values.stream().anyMatch(v -> v.startsWith(SessionCookieSettings.NODE_COOKIE + "="));
        if (session && !routed && nodeRoute.isPresent()) { // the balancer brings this session back to this node
            rewritten.add(policy.cookie(SessionCookieSettings.NODE_COOKIE, nodeRoute.get(), "/"));
        }
        if (rewritten.equals(values)) {
            return;
        }
        for (int i = 0; i < rewritten.size(); i++) {
            if (i == 0) {
                response.setHeader("Set-Cookie", rewritten.get(i));
            } else {
                response.addHeader("Set-Cookie", rewritten.get(i));
            }
        }
    }

    HttpServletRequest request(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public HttpSession getSession(boolean create) {
                HttpSession session = super.getSession(create);
                if (session != null && session.isNew()) {
                    apply();
                }
                return session;
            }

            @Override
            public HttpSession getSession() {
                return getSession(true);
            }

            @Override
            public String changeSessionId() {
                String id = super.changeSessionId();
                apply();
                return id;
            }
        };
    }

    HttpServletResponse response() {
        return new HttpServletResponseWrapper(response) {
            @Override
            public PrintWriter getWriter() throws IOException {
                apply();
                return super.getWriter();
            }

            @Override
            public ServletOutputStream getOutputStream() throws IOException {
                apply();
                return super.getOutputStream();
            }

            @Override
            public void flushBuffer() throws IOException {
                apply();
                super.flushBuffer();
            }

            @Override
            public void sendRedirect(String location) throws IOException {
                apply();
                super.sendRedirect(location);
            }

            @Override
            public void sendError(int status, String message) throws IOException {
                apply();
                super.sendError(status, message);
            }

            @Override
            public void sendError(int status) throws IOException {
                apply();
                super.sendError(status);
            }
        };
    }
}
