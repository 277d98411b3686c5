package org.openvisit.identity.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;

/** What the HTTP session remembers of a sign-in: the username, nothing else. */
record SignedInSession(String username) implements Serializable {

    static final String ATTRIBUTE = SignedInSession.class.getName();

    static SignedInSession of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? null : (SignedInSession) session.getAttribute(ATTRIBUTE);
    }

    /** Starts a signed-in session under a new session id, so an id known before sign-in is worthless after it. */
    static void start(HttpServletRequest request, String username) {
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(ATTRIBUTE, new SignedInSession(username));
    }
}
