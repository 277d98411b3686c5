package org.openvisit.launch.interfaces.web;

import org.openvisit.shared.interfaces.web.PublicAddress;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.application.LaunchRefusedException;
import org.openvisit.launch.application.PendingLaunch;
import org.openvisit.launch.application.SmartEhrLaunchService;

import java.io.IOException;

/**
 * {@code GET /launch?iss=<FHIR base>&launch=<opaque>}: the EHR opens OpenVisit. An unknown or unapproved
 * {@code iss} gets an error page at once (no outbound request); otherwise the browser goes to the EHR's
 * authorize endpoint, the launch waiting in this browser's state under its state value.
 */
@WebServlet("/launch")
public class LaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String CALLBACK_PATH = "/launch/callback";

    @Inject
    private transient BrowserStates browsers;

    @EJB
    private transient SmartEhrLaunchService launches;

    @Inject
    private transient PublicAddress publicAddress;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            PendingLaunch pending = launches.begin(request.getParameter("iss"), request.getParameter("launch"),
                    publicAddress.base(request) + CALLBACK_PATH);
            LaunchPages.toEhr(browsers, request, response, pending);
        } catch (LaunchRefusedException e) {
            LaunchPages.refused(request, response, e);
        }
    }
}
