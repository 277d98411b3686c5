package org.openvisit.sandbox.screen;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.hl7.fhir.r4.model.Appointment;
import org.openvisit.sandbox.apps.AppOrigin;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.records.People;
import org.openvisit.sandbox.records.Person;
import org.openvisit.sandbox.web.Html;
import org.openvisit.sandbox.web.RequestOrigin;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import static org.openvisit.sandbox.web.Html.escape;

/**
 * The embedded EHR screen: the EHR keeps its own page and shows the app inside it, as real EHRs do.
 * <ul>
 *   <li>{@code /ehr/embedded?user=..} ({@code mode=frame}, the default): the schedule on the left and the app
 *       in an {@code iframe} on the right, like Oracle Health PowerChart. The app is opened on the other
 *       loopback name than the screen ({@code 127.0.0.1} when the screen is on {@code localhost} and the
 *       other way round), so the frame is another site than the page around it, as an EHR's frame is;</li>
 *   <li>{@code mode=window}: "Begin virtual visit" opens the app in a window of its own, like Epic
 *       Hyperspace's embedded browser (a top-level window, the EHR's site nowhere around it).</li>
 * </ul>
 * {@code /ehr/embedded/launch?appointment=..&user=..[&app=..]}: the redirect the frame (or window) follows to
 * the app's launch URL on that other origin, with {@code iss} the FHIR base of the screen's own origin.
 */
@WebServlet({"/ehr/embedded", "/ehr/embedded/launch"})
public class EmbeddedEhrScreenServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(EmbeddedEhrScreenServlet.class.getName());
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm");

    @Inject
    private transient People people;
    @Inject
    private transient EhrLauncher launcher;
    @Inject
    private transient ZoneId zone;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().endsWith("/launch")) {
            launch(request, response);
        } else {
            screen(request, response);
        }
    }

    /** Where the app is opened: the loopback twin of the screen's origin (the screen's own for other hosts). */
    static String appOrigin(RequestOrigin origin) {
        String twin = AppOrigin.loopbackTwin(origin.origin());
        return twin == null ? origin.origin() : twin;
    }

    private void launch(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestOrigin origin = RequestOrigin.of(request);
        String app = request.getParameter("app") == null ? AppRegistry.OPENVISIT : request.getParameter("app");
        try {
            String url = launcher.launchUrl(app, request.getParameter("appointment"), request.getParameter("user"),
                    origin.fhirBase(), appOrigin(origin));
            LOG.info(() -> "embedded launch of " + app + " for " + request.getParameter("user") + ", appointment "
                    + request.getParameter("appointment"));
            response.setHeader("Cache-Control", "no-store");
            response.sendRedirect(url);
        } catch (IllegalArgumentException e) {
            Html.write(response, 400, "Cannot launch", request.getContextPath(),
                    "<p class=\"error\">" + escape(e.getMessage()) + "</p>");
        }
    }

    private void screen(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getContextPath();
        boolean window = "window".equals(request.getParameter("mode"));
        String mode = window ? "window" : "frame";
        Optional<Person> user = people.find(request.getParameter("user"));
        if (user.isEmpty()) {
            StringBuilder list = new StringBuilder("<p>The app opens ").append(window
                    ? "in a window of its own (like Epic Hyperspace)." : "in a frame of this page (like Oracle Health "
                    + "PowerChart), on another site than this page.").append("</p><ul>");
            for (Person person : people.practitioners()) {
                list.append("<li><a href=\"").append(base).append("/ehr/embedded?mode=").append(mode).append("&amp;user=")
                        .append(escape(person.reference())).append("\">").append(escape(person.displayName()))
                        .append("</a> <code>").append(escape(person.reference())).append("</code></li>");
            }
            Html.write(response, 200, "Embedded EHR screen: who is signed in?", base, list.append("</ul>").toString());
            return;
        }
        RequestOrigin origin = RequestOrigin.of(request);
        String target = window ? "openvisit-window" : "app";
        StringBuilder html = new StringBuilder("<p>Signed in as <code>").append(escape(user.get().reference()))
                .append("</code>. The app opens ").append(window ? "in a window of its own" : "in the frame on the right")
                .append(" at <code id=\"appOrigin\">").append(escape(appOrigin(origin))).append("</code>; this page is <code>")
                .append(escape(origin.origin())).append("</code>. <a href=\"").append(base).append("/ehr/embedded?mode=")
                .append(window ? "frame" : "window").append("&amp;user=").append(escape(user.get().reference()))
                .append("\">Open apps ").append(window ? "in a frame" : "in a window").append(" instead</a></p>");
        html.append("<div style=\"display:flex;gap:1rem;align-items:flex-start\"><div>");
        html.append("<form method=\"get\" action=\"").append(base).append("/ehr/embedded/launch\" id=\"launch\" target=\"")
                .append(target).append("\"><input type=\"hidden\" name=\"user\" value=\"")
                .append(escape(user.get().reference())).append("\"><input type=\"hidden\" name=\"app\" value=\"")
                .append(AppRegistry.OPENVISIT).append("\"><table><tr><th>When</th><th>Appointment</th><th></th></tr>");
        List<Appointment> appointments = people.scheduleOf(user.get().reference());
        for (Appointment appointment : appointments) {
            String id = appointment.getIdElement().getIdPart();
            html.append("<tr><td>").append(WHEN.format(appointment.getStart().toInstant().atZone(zone)))
                    .append("</td><td>").append(escape(appointment.getDescription())).append(" <code>").append(escape(id))
                    .append("</code></td><td><button type=\"submit\" name=\"appointment\" value=\"").append(escape(id))
                    .append("\">Begin virtual visit</button></td></tr>");
        }
        if (appointments.isEmpty()) {
            html.append("<tr><td colspan=\"3\">No appointments.</td></tr>");
        }
        html.append("</table></form></div>");
        if (!window) {
            // what a cross-origin frame needs to use the camera and microphone (Permissions Policy): the app's
            // origin named, since the frame's src is not the app (a bare "camera" would mean the src's origin)
            String app = escape(appOrigin(origin));
            html.append("<iframe name=\"app\" id=\"app\" title=\"App\" src=\"about:blank\" allow=\"camera ").append(app)
                    .append("; microphone ").append(app).append("; display-capture ").append(app).append("; autoplay ")
                    .append(app).append("; fullscreen ").append(app).append("\" style=\"flex:1;min-width:40rem;height:48rem;"
                    + "border:2px solid #23395d;background:#fff\"></iframe>");
        }
        Html.write(response, 200, "Embedded EHR screen", base, html.append("</div>").toString());
    }
}
