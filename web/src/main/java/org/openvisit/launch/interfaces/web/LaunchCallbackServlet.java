package org.openvisit.launch.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.openvisit.launch.application.LaunchLanding;
import org.openvisit.launch.application.LaunchRefusedException;
import org.openvisit.launch.application.PendingLaunch;
import org.openvisit.launch.application.SmartEhrLaunchService;

import java.io.IOException;

/**
 * {@code GET /launch/callback?code=..&state=..} (or {@code error=..}): back from the EHR's authorize
 * endpoint. The state must be one this browser's session is waiting for; it works once. On success the
 * browser goes to the visit page (clinicians) or the lobby (patients), and only this browser may see it.
 */
@WebServlet("/launch/callback")
public class LaunchCallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @EJB
    private transient SmartEhrLaunchService launches;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String state = request.getParameter("state");
            if (state == null || state.isBlank()) {
                throw launches.refuseCallback(400, "STATE_MISSING", "Incomplete launch",
                        "The EHR sent the browser back without the launch's state. Start the visit again from the EHR.");
            }
            HttpSession session = request.getSession(false);
            Object pending = session == null ? null : LaunchPages.takePending(session, state);
            if (!(pending instanceof PendingLaunch launch)) {
                boolean reused = session != null && LaunchPages.usedStates(session).contains(state);
                throw launches.refuseCallback(400, reused ? "STATE_REUSED" : "STATE_UNKNOWN",
                        reused ? "This launch was used already" : "Unknown launch",
                        reused ? "This launch has been completed already; a launch works once. Start the visit again "
                                + "from the EHR."
                                : "This browser did not start this launch (or it expired). Start the visit again "
                                + "from the EHR, in the same browser.");
            }
            String error = request.getParameter("error");
            if (error != null) {
                throw launches.ehrError(launch, error);
            }
            LaunchLanding landing = launches.complete(launch, request.getParameter("code"));
            LaunchPages.grant(request, landing);
            LaunchPages.redirect(request, response, landing.path());
        } catch (LaunchRefusedException e) {
            LaunchPages.error(response, e.status(), e.reasonCode(), e.title(), e.getMessage());
        }
    }
}
