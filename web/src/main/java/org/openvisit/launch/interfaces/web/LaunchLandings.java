package org.openvisit.launch.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.ehr.OAuthStart;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.launch.application.LaunchLanding;
import org.openvisit.launch.application.LaunchRefusal;
import org.openvisit.launch.application.LaunchRefusedException;
import org.openvisit.shared.interfaces.web.PublicAddress;
import org.openvisit.tenant.application.TeamsSignInService;

import java.util.Optional;

/**
 * Where a successful launch sends the browser: into the visit ({@link LaunchPages#land}), unless the clinician's
 * organization holds its visits on Microsoft Teams, asks clinicians to sign in with Microsoft once, and this clinician
 * has not: then first to Microsoft's sign-in (its state kept in this browser until {@link TeamsSignInCallbackServlet}
 * completes it and sends the browser on to the meeting).
 */
@ApplicationScoped
public class LaunchLandings {

    static final String CALLBACK_PATH = "/teams/sign-in/callback";

    @Inject
    private BrowserStates browsers;

    @EJB
    private TeamsSignInService signIns;

    @Inject
    private PublicAddress publicAddress;

    /** @throws LaunchRefusedException the organization's Teams settings cannot be used for the sign-in */
    public void land(HttpServletRequest request, HttpServletResponse response, LaunchLanding landing) {
        Optional<OAuthStart> signIn = Optional.empty();
        String redirectUri = publicAddress.base(request) + CALLBACK_PATH;
        if (!landing.patient() && landing.organizationId() != null) {
            try {
                signIn = signIns.startIfNeeded(landing.organizationId(), landing.clinician(), redirectUri);
            } catch (GraphFailure e) {
                throw failed(e.getMessage());
            }
        }
        if (signIn.isEmpty()) {
            LaunchPages.land(browsers, request, response, landing);
            return;
        }
        OAuthStart start = signIn.get();
        browsers.change(request, response, state -> {
            state.launched(landing.visitId(), false, landing.clinician());
            state.addTeamsSignIn(new PendingTeamsSignIn(start, landing.organizationId(), landing.clinician(),
                    redirectUri, landing.path()));
            return null;
        });
        browsers.renew(request, response);
        LaunchPages.redirect(request, response, start.authorizeUri().toString());
    }

    static LaunchRefusedException failed(String detail) {
        return new LaunchRefusedException(LaunchRefusal.TEAMS_SIGN_IN_FAILED, "The Microsoft sign-in did not complete",
                "OpenVisit asks you to sign in with Microsoft once before your first Teams visit; that sign-in did "
                        + "not complete. " + detail);
    }
}
