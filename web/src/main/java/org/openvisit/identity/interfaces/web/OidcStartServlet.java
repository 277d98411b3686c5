package org.openvisit.identity.interfaces.web;

import org.openvisit.shared.interfaces.web.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.identity.infrastructure.oidc.OidcAuthorization;
import org.openvisit.identity.infrastructure.oidc.OidcClient;
import org.openvisit.identity.infrastructure.oidc.OidcSignInException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Starts a portal sign-in at the organization's identity provider ({@code openvisit.portal.sign-in=oidc}):
 * a fresh state, nonce and PKCE verifier kept in this browser's session, then a redirect to the
 * provider's authorize endpoint. Open to everyone (it is how one signs in); 404 in {@code accounts} mode.
 */
@WebServlet(OidcStartServlet.PATH)
@ServletSecurity(@HttpConstraint)
public class OidcStartServlet extends HttpServlet {

    static final String PATH = "/portal/oidc/start";
    static final String CALLBACK_PATH = "/portal/oidc/callback";
    /** Session attribute: the sign-ins in progress in this browser, by state (a few tabs at most). */
    static final String PENDING = OidcStartServlet.class.getName() + ".pending";
    static final int MAX_PENDING = 5;

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(OidcStartServlet.class.getName());

    @Inject
    private transient OidcClient oidc;

    @Inject
    private transient PublicAddress publicAddress;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!oidc.settings().oidc()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String next = SafeRedirect.target(request.getParameter("next"));
        try {
            OidcAuthorization authorization = oidc.begin(redirectUri(request), next);
            remember(request.getSession(true), authorization);
            OidcPages.redirect(response, authorization.authorizeUri().toString());
        } catch (OidcSignInException e) {
            LOG.warning(() -> "Portal sign-in at the identity provider could not start: " + e.code() + ": "
                    + e.getMessage());
            OidcPages.error(request, response, HttpServletResponse.SC_BAD_GATEWAY, "unavailable", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static synchronized void remember(HttpSession session, OidcAuthorization authorization) {
        Map<String, OidcAuthorization> pending = session.getAttribute(PENDING) instanceof Map<?, ?> map
                ? new LinkedHashMap<>((Map<String, OidcAuthorization>) map) : new LinkedHashMap<>();
        pending.put(authorization.state(), authorization);
        while (pending.size() > MAX_PENDING) {
            pending.remove(pending.keySet().iterator().next());
        }
        session.setAttribute(PENDING, pending);
    }

    /** Takes the sign-in with this state out of the session: a state works once. Null when there is none. */
    @SuppressWarnings("unchecked")
    static synchronized OidcAuthorization take(HttpSession session, String state) {
        if (session == null || state == null || !(session.getAttribute(PENDING) instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, OidcAuthorization> pending = new LinkedHashMap<>((Map<String, OidcAuthorization>) map);
        OidcAuthorization found = pending.values().stream().filter(a -> a.hasState(state)).findFirst().orElse(null);
        if (found != null) {
            pending.remove(found.state());
            session.setAttribute(PENDING, pending);
        }
        return found;
    }

    /** The callback as the identity provider must list it: from openvisit.public-url, else from this request. */
    String redirectUri(HttpServletRequest request) {
        return publicAddress.base(request) + CALLBACK_PATH;
    }
}
