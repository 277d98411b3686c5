package org.openvisit.launch.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.launch.application.LaunchAudience;
import org.openvisit.launch.application.LaunchRefusedException;
import org.openvisit.launch.application.PendingLaunch;
import org.openvisit.launch.application.SmartEhrLaunchService;
import org.openvisit.shared.interfaces.web.PublicAddress;

import java.io.IOException;

/**
 * An endpoint's own launch URLs, as its integration records show them: {@code GET /launch/e/{key}?iss=..&launch=..}
 * (providers; the user decides where they land) and {@code GET /launch/e/{key}/patient?iss=..&launch=..} (the patient
 * portal: always the lobby). The {@code iss} must be that endpoint's FHIR base URL. Then as {@link LaunchServlet}.
 */
@WebServlet("/launch/e/*")
public class EndpointLaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Inject
    private transient BrowserStates browsers;

    @EJB
    private transient SmartEhrLaunchService launches;

    @Inject
    private transient PublicAddress publicAddress;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo() == null ? "" : request.getPathInfo();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        String key = parts.length >= 1 ? parts[0] : null;
        LaunchAudience audience = parts.length == 1 ? LaunchAudience.PROVIDER
                : parts.length == 2 && parts[1].equals("patient") ? LaunchAudience.PATIENT : null;
        try {
            PendingLaunch pending = launches.begin(audience == null ? null : key, audience, request.getParameter("iss"),
                    request.getParameter("launch"), publicAddress.base(request) + LaunchServlet.CALLBACK_PATH);
            LaunchPages.toEhr(browsers, request, response, pending);
        } catch (LaunchRefusedException e) {
            LaunchPages.refused(request, response, e);
        }
    }
}
