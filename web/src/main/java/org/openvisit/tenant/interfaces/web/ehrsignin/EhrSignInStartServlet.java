package org.openvisit.tenant.interfaces.web.ehrsignin;

import org.openvisit.shared.interfaces.web.PublicAddress;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.tenant.application.EhrVerificationService;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.PendingEhrSignIn;
import org.openvisit.tenant.domain.model.Actor;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * {@code GET /portal/ehr-sign-in/start?endpoint=<id>}: the approver pressed "Sign in to the EHR". Checks that
 * the signed-in user is the endpoint's named approver and that it awaits approval (otherwise an error page),
 * discovers the EHR's SMART configuration, remembers the sign-in in the session (its state, PKCE verifier and
 * nonce, used once) and sends the browser to the EHR's authorize endpoint.
 */
@WebServlet("/portal/ehr-sign-in/start")
public class EhrSignInStartServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EhrSignInStartServlet.class.getName());
    static final String CALLBACK_PATH = "/portal/ehr-sign-in/callback";

    @Inject
    private transient EhrVerificationService verification;

    @Inject
    private transient CurrentUser currentUser;

    @Inject
    private transient PublicAddress publicAddress;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UUID endpointId = parseId(request.getParameter("endpoint"));
        if (endpointId == null) {
            EhrSignInPages.error(request, response, 404, "No such endpoint", "There is no FHIR endpoint with the id "
                    + shorten(request.getParameter("endpoint")) + ". Open the endpoint from the endpoints list and "
                    + "press \"Sign in to the EHR\" there.", null);
            return;
        }
        Optional<Actor> actor = currentUser.user().map(SignedInUser::actor);
        if (actor.isEmpty()) {
            EhrSignInPages.error(request, response, 401, "Sign in first",
                    "Sign in to OpenVisit before you sign in to the EHR.", endpointId);
            return;
        }
        try {
            PendingEhrSignIn pending = verification.begin(actor.get(), endpointId, redirectUri(request));
            PendingSignIns.add(request.getSession(true), pending);
            LOG.info(() -> actor.get().username() + " starts the EHR sign-in for endpoint " + endpointId + " at "
                    + pending.authorization().fhirBase());
            EhrSignInPages.redirect(request, response, pending.authorization().authorizeUri().toString());
        } catch (EndpointNotFoundException e) {
            EhrSignInPages.error(request, response, 404, "No such endpoint", e.getMessage(), null);
        } catch (ForbiddenException e) {
            EhrSignInPages.error(request, response, 403, "Not the approver", e.getMessage(), endpointId);
        } catch (ConflictException e) {
            EhrSignInPages.error(request, response, 409, "Not awaiting approval", e.getMessage(), endpointId);
        } catch (SmartSignInException e) {
            LOG.info(() -> "EHR sign-in for endpoint " + endpointId + " could not start: " + e.failure().code());
            EhrSignInPages.failed(request, response, endpointId, e.failure().code(), e.getMessage());
        }
    }

    /** OpenVisit's callback as the EHR must list it: see PublicAddress. */
    String redirectUri(HttpServletRequest request) {
        return publicAddress.base(request) + CALLBACK_PATH;
    }

    static UUID parseId(String id) {
        if (id == null) {
            return null;
        }
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String shorten(String text) {
        if (text == null) {
            return "(none)";
        }
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
