package org.openvisit.launch.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.application.ContextLinkLaunchService;
import org.openvisit.launch.application.LaunchLanding;
import org.openvisit.launch.application.LaunchRefusedException;

import java.io.IOException;

/**
 * {@code GET /launch/context?token=..}: the EHR's encrypted context link. A valid, first-use token
 * opens the visit in this browser and sends it to the visit page (clinicians) or the lobby (patients);
 * the token itself stays out of the address bar from then on.
 */
@WebServlet("/launch/context")
public class ContextLinkLaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient BrowserStates browsers;

    @Inject
    private transient LaunchLandings landings;

    @EJB
    private transient ContextLinkLaunchService launches;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            LaunchLanding landing = launches.launch(request.getParameter("token"));
            landings.land(request, response, landing);
        } catch (LaunchRefusedException e) {
            LaunchPages.refused(request, response, e);
        }
    }
}
