package org.openvisit.identity.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.application.AccountService;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.identity.infrastructure.oidc.OidcAuthorization;
import org.openvisit.identity.infrastructure.oidc.OidcClient;
import org.openvisit.identity.infrastructure.oidc.OidcSignInException;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Where the identity provider sends the browser back: the state must be one this session started (and
 * is then used up), the code is exchanged and the id_token checked, the username claim must name an
 * enabled OpenVisit account; then the signed-in session starts exactly as after the sign-in screen (new
 * session id) and the browser goes where it was going. Logs outcomes, never codes or tokens.
 */
@WebServlet(OidcStartServlet.CALLBACK_PATH)
@ServletSecurity(@HttpConstraint)
public class OidcCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OidcCallbackServlet.class.getName());

    @Inject
    private transient OidcClient oidc;

    @EJB
    private transient AccountService accounts;

    @EJB
    private transient org.openvisit.identity.application.SignInThrottle signIns;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!oidc.settings().oidc()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        OidcAuthorization authorization = OidcStartServlet.take(request.getSession(false), request.getParameter("state"));
        if (authorization == null) {
            LOG.info("Portal sign-in callback refused: unknown, used or missing state");
            OidcPages.error(request, response, HttpServletResponse.SC_BAD_REQUEST, "invalid", null);
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            boolean cancelled = "access_denied".equals(error);
            LOG.info(() -> "Portal sign-in: the identity provider answered "
                    + error.replaceAll("[^A-Za-z0-9_.-]", "?"));
            OidcPages.error(request, response, HttpServletResponse.SC_FORBIDDEN, cancelled ? "cancelled" : "refused",
                    null, shorten(error));
            return;
        }
        String username;
        try {
            username = oidc.complete(authorization, request.getParameter("code"));
        } catch (OidcSignInException e) {
            LOG.info(() -> "Portal sign-in at the identity provider failed: " + e.code());
            OidcPages.error(request, response, HttpServletResponse.SC_FORBIDDEN, "failed", e.getMessage());
            return;
        }
        Optional<SignedInUser> user = accounts.current(username);
        if (user.isEmpty()) {
            boolean disabled = accounts.summary(username).isPresent();
            LOG.info(() -> "Portal sign-in refused: the identity provider signed in \"" + printable(username) + "\", "
                    + (disabled ? "whose OpenVisit account is disabled" : "who has no OpenVisit account"));
            signIns.refused(username, request.getRemoteAddr(), "identity provider");
            OidcPages.error(request, response, HttpServletResponse.SC_FORBIDDEN, disabled ? "disabled" : "noAccount",
                    null, printable(username));
            return;
        }
        SignedInSession.start(request, user.get().username());
        LOG.info(() -> user.get().username() + " signed in to the portal through the identity provider");
        signIns.succeeded(user.get().username(), request.getRemoteAddr(), "identity provider");
        OidcPages.redirect(response, request.getContextPath() + SafeRedirect.target(authorization.next()));
    }

    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 254 ? clean.substring(0, 254) + "..." : clean;
    }

    private static String shorten(String text) {
        String clean = printable(text);
        return clean.length() > 60 ? clean.substring(0, 60) + "..." : clean;
    }
}
