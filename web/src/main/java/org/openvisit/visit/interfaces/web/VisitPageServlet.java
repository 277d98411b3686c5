package org.openvisit.visit.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.openvisit.launch.interfaces.web.LaunchPages;
import org.openvisit.visit.application.ParticipantView;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.application.VisitView;

import java.io.IOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code GET /visit/<id>}: the clinician's visit page; {@code GET /visit/<id>/lobby}: the patient's lobby.
 * Only the browser that launched the visit sees it (the visit id is in its session). The live page
 * (lobby and call state, admit, join, SMS) and the lobby itself come with the built-in rooms.
 */
@WebServlet("/visit/*")
public class VisitPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @EJB
    private transient VisitOrchestrationService visits;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String[] parts = path.substring(1).split("/", -1);
        UUID id = parseId(parts[0]);
        boolean lobby = parts.length == 2 && parts[1].equals("lobby");
        if (id == null || parts.length > 2 || (parts.length == 2 && !lobby)) {
            LaunchPages.error(response, 404, "NOT_FOUND", "No such visit", "There is no visit at this address.");
            return;
        }
        HttpSession session = request.getSession(false);
        if (session == null || !LaunchPages.launchedVisits(session).contains(id)) {
            LaunchPages.error(response, 403, "NOT_LAUNCHED_HERE", "Open the visit from the EHR",
                    "This visit opens only in the browser that launched it from the EHR. Start it from the "
                            + "appointment in the EHR.");
            return;
        }
        Optional<VisitView> visit = visits.find(id);
        if (visit.isEmpty()) {
            LaunchPages.error(response, 404, "NOT_FOUND", "No such visit", "There is no visit at this address.");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setContentType("text/html;charset=UTF-8");
        response.getWriter().write(lobby ? lobbyPage(visit.get()) : providerPage(visit.get()));
    }

    private static String providerPage(VisitView v) {
        StringBuilder people = new StringBuilder();
        for (ParticipantView p : v.participants()) {
            people.append("<tr><td>").append(LaunchPages.escape(p.ehrUserId())).append("</td><td>")
                    .append(p.role()).append("</td><td>").append(TIME.format(p.firstLaunchAt())).append("</td></tr>");
        }
        return LaunchPages.page("Virtual visit", "<dl id=\"visit\" data-visit-id=\"" + v.id() + "\">"
                + "<dt>Appointment time</dt><dd id=\"appointmentTime\">Not known: OpenVisit does not read the "
                + "appointment from the EHR</dd>"
                + "<dt>Department</dt><dd id=\"department\">" + (v.departmentId() == null ? "Not given by the EHR"
                : LaunchPages.escape(v.departmentId())) + "</dd>"
                + "<dt>State</dt><dd id=\"visitState\">" + v.status() + "</dd>"
                + "<dt>Opened</dt><dd>" + TIME.format(v.createdAt()) + "</dd>"
                + "<dt>Meeting</dt><dd id=\"meeting\">" + (v.meeting() == null ? "not made yet"
                : LaunchPages.escape(v.meeting().platform() + " " + v.meeting().meetingId())) + "</dd></dl>"
                + "<h2>Clinicians who launched this visit</h2><table id=\"participants\"><tr><th>EHR user</th>"
                + "<th>Role</th><th>First launch</th></tr>" + people + "</table>"
                + "<p class=\"code\">The live view (who waits in the lobby, who is in the call, admit and join) "
                + "arrives with the built-in rooms.</p>");
    }

    private static String lobbyPage(VisitView v) {
        return LaunchPages.page("Your virtual visit", "<p id=\"lobbyMessage\" data-visit-id=\"" + v.id() + "\">"
                + "You are checked in for your virtual visit. The waiting room, where your clinician admits you to "
                + "the call, arrives with OpenVisit's built-in rooms; until then this page only confirms that your "
                + "visit is open.</p><p>State: <span id=\"visitState\">" + v.status() + "</span></p>");
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
