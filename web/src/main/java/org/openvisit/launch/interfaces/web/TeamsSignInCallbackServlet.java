package org.openvisit.launch.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.ehr.graph.GraphFailure;
import org.openvisit.launch.application.LaunchRefusedException;
import org.openvisit.tenant.application.TeamsSignInService;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /teams/sign-in/callback?code&state}: Microsoft Entra sends a clinician's browser back after their
 * one-time sign-in. The state must be one this browser began (it works once); the code is exchanged and Microsoft's
 * id_token checked, the link of the clinician's EHR user id to their Entra identity stored, and the browser goes on to
 * where its launch was going (the Teams meeting). Anything else: the refusal page in the browser's language.
 */
@WebServlet(LaunchLandings.CALLBACK_PATH)
public class TeamsSignInCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient BrowserStates browsers;

    @EJB
    private transient TeamsSignInService signIns;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String state = request.getParameter("state");
            Optional<PendingTeamsSignIn> pending = BrowserStates.browserId(request)
                    .flatMap(id -> browsers.changeExisting(id, s -> s.takeTeamsSignIn(state)))
                    .flatMap(taken -> taken);
            if (pending.isEmpty()) {
                throw LaunchLandings.failed("This browser did not start this sign-in, or it was used already. Start "
                        + "the visit again from the EHR.");
            }
            String error = request.getParameter("error");
            String code = request.getParameter("code");
            if (error != null || code == null || code.isBlank()) {
                throw LaunchLandings.failed("Microsoft answered: " + (error == null ? "no code"
                        : error.replaceAll("[^A-Za-z0-9_ .-]", "")) + ".");
            }
            PendingTeamsSignIn p = pending.get();
            try {
                signIns.complete(p.organizationId(), p.ehrUserId(), p.redirectUri(), code, p.start());
            } catch (GraphFailure e) {
                throw LaunchLandings.failed(e.getMessage());
            }
            LaunchPages.redirect(request, response, p.continueTo());
        } catch (LaunchRefusedException e) {
            LaunchPages.refused(request, response, e);
        }
    }
}
