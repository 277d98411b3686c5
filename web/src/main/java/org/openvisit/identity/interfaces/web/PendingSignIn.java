package org.openvisit.identity.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A sign-in whose password was right, waiting for the second factor's code (or, where the installation requires a
 * second factor, for setting one up). It signs nobody in: protected pages still send the browser to the sign-in.
 * It lasts {@link #LIFETIME}; the session id changes when it starts and again when the sign-in completes.
 *
 * @param mustEnrol the account has no second factor yet but its role requires one
 * @param next where the user was going (already checked by {@link SafeRedirect})
 */
record PendingSignIn(String username, boolean mustEnrol, String next, Instant since) implements Serializable {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final String ATTRIBUTE = PendingSignIn.class.getName();

    static void start(HttpServletRequest request, String username, boolean mustEnrol, String next) {
        HttpSession old = request.getSession(false);
        if (old != null) {
            old.removeAttribute(SignedInSession.ATTRIBUTE);
        }
        request.getSession(true);
        request.changeSessionId();
        request.getSession().setAttribute(ATTRIBUTE, new PendingSignIn(username, mustEnrol, next, Instant.now()));
    }

    /** The pending sign-in of this browser, when there is one and it is not too old. */
    static Optional<PendingSignIn> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object pending = session == null ? null : session.getAttribute(ATTRIBUTE);
        return pending instanceof PendingSignIn p && p.since().plus(LIFETIME).isAfter(Instant.now())
                ? Optional.of(p) : Optional.empty();
    }

    /** Ends the pending state and signs the person in, under a new session id. */
    static void complete(HttpServletRequest request, String username) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(ATTRIBUTE);
        }
        SignedInSession.start(request, username);
    }
}
