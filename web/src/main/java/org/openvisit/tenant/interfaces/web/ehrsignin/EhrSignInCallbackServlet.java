package org.openvisit.tenant.interfaces.web.ehrsignin;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.application.SignedInUser;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.ehr.SmartSignInException;
import org.openvisit.tenant.application.ConcurrentEndpointChangeException;
import org.openvisit.tenant.application.EhrVerificationService;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.EndpointView;
import org.openvisit.tenant.application.PendingEhrSignIn;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.EhrUserNotStaffException;
import org.openvisit.tenant.domain.model.EndpointChangedDuringSignInException;
import org.openvisit.tenant.interfaces.web.TenantText;

import java.io.IOException;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code GET /portal/ehr-sign-in/callback?code=..&state=..} (or {@code error=..}): the EHR sends the approver
 * back. The state must be one this session started and not used yet; the code is exchanged, the id_token
 * checked and the endpoint recorded as EHR_VERIFIED as the EHR user it names, if that user is EHR staff and
 * the endpoint did not change since the sign-in started. Then back to the endpoint page ({@code verified=true},
 * or {@code ehrSignInError=<code>} with the message in the session; {@value #NOT_STAFF} and
 * {@value #ENDPOINT_CHANGED} in the browser's language). Neither the code nor any token is logged or kept.
 */
@WebServlet("/portal/ehr-sign-in/callback")
public class EhrSignInCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EhrSignInCallbackServlet.class.getName());
    /** {@code ehrSignInError} when the sign-in proves no staff access (a patient, a proxy, no fhirUser). */
    static final String NOT_STAFF = "not_staff";
    /** {@code ehrSignInError} when the endpoint changed while the approver was at the EHR. */
    static final String ENDPOINT_CHANGED = "endpoint_changed";

    @Inject
    private transient EhrVerificationService verification;

    @Inject
    private transient CurrentUser currentUser;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String state = request.getParameter("state");
        if (state == null || state.isBlank()) {
            EhrSignInPages.error(request, response, 400, "EHR sign-in refused", "The EHR sent you back without "
                    + "the state of the sign-in, so OpenVisit cannot tell that this sign-in is yours. Start the EHR "
                    + "sign-in again from the endpoint's page.", null);
            return;
        }
        PendingEhrSignIn pending = PendingSignIns.take(request.getSession(false), state);
        if (pending == null) {
            EhrSignInPages.error(request, response, 400, "EHR sign-in refused", "This EHR sign-in is unknown to "
                    + "OpenVisit or was completed already (each sign-in link works once, in the browser that started "
                    + "it). Start the EHR sign-in again from the endpoint's page.", null);
            return;
        }
        Optional<Actor> actor = currentUser.user().map(SignedInUser::actor);
        if (actor.isEmpty() || !actor.get().username().equalsIgnoreCase(pending.username())) {
            EhrSignInPages.error(request, response, 403, "EHR sign-in refused", "This EHR sign-in was started by "
                    + "another portal user. Start it again while signed in as the endpoint's approver.",
                    pending.endpointId());
            return;
        }
        if (verification.expired(pending)) {
            EhrSignInPages.failed(request, response, pending.endpointId(), "sign_in_expired", "The EHR sign-in took "
                    + "longer than " + EhrVerificationService.SIGN_IN_LIFETIME.toMinutes() + " minutes. Start it "
                    + "again from this page.");
            return;
        }
        String error = request.getParameter("error");
        if (error != null) {
            if ("access_denied".equals(error)) {
                EhrSignInPages.failed(request, response, pending.endpointId(), SmartSignInException.Failure.CANCELLED
                        .code(), "You cancelled the sign-in at the EHR. The endpoint still awaits approval; press "
                        + "\"Sign in to the EHR\" again when you are ready.");
            } else {
                String description = request.getParameter("error_description");
                EhrSignInPages.failed(request, response, pending.endpointId(), SmartSignInException.Failure.EHR_REFUSED
                        .code(), "The EHR refused the sign-in: " + printable(error)
                        + (description == null ? "" : " (" + printable(description) + ")") + ". Ask the EHR team to "
                        + "check OpenVisit's app registration (client id, redirect URI, scopes openid fhirUser).");
            }
            return;
        }
        String code = request.getParameter("code");
        if (code == null || code.isBlank()) {
            EhrSignInPages.failed(request, response, pending.endpointId(), "no_code", "The EHR sent you back "
                    + "without an authorization code, so the sign-in cannot be completed. Start it again.");
            return;
        }
        try {
            EndpointView verified = verification.complete(actor.get(), pending, code);
            LOG.info(() -> actor.get().username() + " verified endpoint " + verified.id() + " by signing in to the EHR");
            EhrSignInPages.verified(request, response, verified.id());
        } catch (SmartSignInException e) {
            LOG.info(() -> "EHR sign-in for endpoint " + pending.endpointId() + " failed: " + e.failure().code());
            EhrSignInPages.failed(request, response, pending.endpointId(), e.failure().code(), e.getMessage());
        } catch (EhrUserNotStaffException e) {
            // the kind of user only: a patient's id is neither logged nor shown
            LOG.info(() -> "EHR sign-in for endpoint " + pending.endpointId() + " refused: no staff access ("
                    + e.reason() + ")");
            EhrSignInPages.failed(request, response, pending.endpointId(), NOT_STAFF,
                    SignInRefusals.notStaff(TenantText.of(request), e, pending.fhirBaseUrl()));
        } catch (EndpointChangedDuringSignInException e) {
            LOG.info(() -> "EHR sign-in for endpoint " + pending.endpointId() + " discarded: the endpoint changed ("
                    + e.change() + ")");
            EhrSignInPages.failed(request, response, pending.endpointId(), ENDPOINT_CHANGED,
                    SignInRefusals.changed(TenantText.of(request), e));
        } catch (ConcurrentEndpointChangeException e) {
            LOG.info(() -> "EHR sign-in for endpoint " + pending.endpointId() + " discarded: changed while recording");
            EhrSignInPages.failed(request, response, pending.endpointId(), ENDPOINT_CHANGED,
                    TenantText.of(request).format("ehrSignIn.discarded.OTHER"));
        } catch (ForbiddenException e) {
            EhrSignInPages.failed(request, response, pending.endpointId(), "not_approver", e.getMessage());
        } catch (ConflictException e) {
            EhrSignInPages.failed(request, response, pending.endpointId(), "not_awaiting_approval", e.getMessage());
        } catch (InvalidValueException e) {
            EhrSignInPages.failed(request, response, pending.endpointId(), "invalid_ehr_user", e.getMessage());
        } catch (EndpointNotFoundException e) {
            EhrSignInPages.error(request, response, 404, "No such endpoint", e.getMessage(), null);
        }
    }

    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", " ");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }
}
