package org.openvisit.launch.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.application.LaunchLanding;
import org.openvisit.launch.application.LaunchRefusal;
import org.openvisit.launch.application.LaunchRefusedException;
import org.openvisit.launch.application.PendingLaunch;
import org.openvisit.launch.application.SmartEhrLaunchService;

import java.io.IOException;
import java.util.Optional;

/**
 * {@code GET /launch/callback?code=..&state=..} (or {@code error=..}): back from the EHR's authorize
 * endpoint. The state must be one this browser is waiting for; it works once. On success the
 * browser goes to the visit page (clinicians) or the lobby (patients), and only this browser may see it.
 */
@WebServlet("/launch/callback")
public class LaunchCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient BrowserStates browsers;

    @Inject
    private transient LaunchLandings landings;

    @EJB
    private transient SmartEhrLaunchService launches;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String state = request.getParameter("state");
            if (state == null || state.isBlank()) {
                throw launches.refuseCallback(LaunchRefusal.STATE_MISSING, "Incomplete launch",
                        "The EHR sent the browser back without the launch's state. Start the visit again from the EHR.");
            }
            Optional<PendingLaunch> pending = LaunchPages.takePending(browsers, request, state);
            if (pending.isEmpty()) {
                boolean reused = LaunchPages.stateWasUsed(browsers, request, state);
                throw launches.refuseCallback(reused ? LaunchRefusal.STATE_REUSED : LaunchRefusal.STATE_UNKNOWN,
                        reused ? "This launch was used already" : "Unknown launch",
                        reused ? "This launch has been completed already; a launch works once. Start the visit again "
                                + "from the EHR."
                                : "This browser did not start this launch (or it expired). Start the visit again "
                                + "from the EHR, in the same browser.");
            }
            String error = request.getParameter("error");
            if (error != null) {
                throw launches.ehrError(pending.get(), error);
            }
            LaunchLanding landing = launches.complete(pending.get(), request.getParameter("code"));
            landings.land(request, response, landing);
        } catch (LaunchRefusedException e) {
            LaunchPages.refused(request, response, e);
        }
    }
}
