package org.openvisit.sandbox.screen;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.apps.LaunchBehaviour;
import org.openvisit.sandbox.web.Html;
import org.openvisit.sandbox.web.RequestOrigin;

import java.io.IOException;
import java.util.Set;
import java.util.logging.Logger;

/**
 * "Begin virtual visit": {@code GET /ehr/launch?appointment=..&user=..[&app=openvisit][&behaviour=..][&launchUrl=..]}
 * redirects the browser to the app's launch URL, exactly as the EHR would open it; {@code behaviour} (one or more
 * {@link LaunchBehaviour} names) changes how this launch behaves, {@code launchUrl} which app URL it opens.
 */
@WebServlet("/ehr/launch")
public class EhrLaunchServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EhrLaunchServlet.class.getName());

    @Inject
    private transient EhrLauncher launcher;

    private static Set<LaunchBehaviour> behaviours(HttpServletRequest request) {
        String[] values = request.getParameterValues("behaviour");
        return values == null ? Set.of() : LaunchBehaviour.parse(String.join(",", values));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        String app = request.getParameter("app") == null ? AppRegistry.OPENVISIT : request.getParameter("app");
        try {
            String url = launcher.launchUrl(app, request.getParameter("appointment"), request.getParameter("user"),
                    origin.fhirBase(), origin.origin(), behaviours(request), request.getParameter("launchUrl"));
            LOG.info(() -> "launching " + app + " for " + request.getParameter("user") + ", appointment " + request.getParameter("appointment"));
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(url);
        } catch (IllegalArgumentException e) {
            Html.write(response, 400, "Cannot launch", request.getContextPath(),
                    "<p class=\"error\">" + Html.escape(e.getMessage()) + "</p>");
        }
    }
}
