package org.openvisit.visit.interfaces.web;

import org.openvisit.shared.infrastructure.Jsons;
import jakarta.ejb.EJB;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.openvisit.identity.interfaces.web.SameOriginPosts;
import org.openvisit.launch.interfaces.web.LaunchTiming;
import org.openvisit.notify.application.LinkSendResult;
import org.openvisit.notify.application.SmsVisitLinkService;
import org.openvisit.room.application.RoomPass;
import org.openvisit.room.interfaces.web.RoomAccess;
import org.openvisit.room.interfaces.web.RoomPages;
import org.openvisit.room.interfaces.web.RoomRefusal;
import org.openvisit.shared.interfaces.web.PublicAddress;
import org.openvisit.visit.application.CallQualityService;
import org.openvisit.visit.application.CallQualityView;
import org.openvisit.visit.application.JoinLinks;
import org.openvisit.visit.application.JoinRole;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.application.VisitEvents;
import org.openvisit.visit.application.VisitPage;
import org.openvisit.visit.application.VisitPageService;
import org.openvisit.visit.application.VisitNotFoundException;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.VisitStatus;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

/**
 * The visit pages. {@code GET /visit/<id>}: the clinician's page (who waits, who is in the call, live;
 * admit, remove, join, invite, end). {@code GET /visit/<id>/lobby}: the patient's or guest's lobby,
 * which becomes the call when a clinician admits them (for a visit on Microsoft Teams: the device test, then a button to
 * {@code GET /visit/<id>/teams}, which sends the browser on to the Teams meeting's join URL). {@code /visit/<id>/events} and
 * {@code /visit/<id>/quality}: the visit's events and call-quality aggregates as JSON, for its
 * clinicians. Only a browser session with a pass for the visit (a SMART launch or a join link in this
 * browser) sees any of them; patients and guests only their lobby.
 */
@WebServlet("/visit/*")
public class VisitPageServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    /** The Teams meeting platform's name (the meeting's join URL is the visit's meeting id there). */
    private static final String TEAMS = org.openvisit.tenant.application.TeamsSettingsService.TEAMS;

    @Inject
    private transient RoomAccess access;

    @EJB
    private transient VisitPageService pages;

    @EJB
    private transient VisitEvents events;

    @EJB
    private transient CallQualityService quality;

    @EJB
    private transient SmsVisitLinkService smsLinks;

    @EJB
    private transient org.openvisit.visit.application.VisitOrchestrationService orchestration;

    @Inject
    private transient org.openvisit.room.application.RoomService rooms;

    @Inject
    private transient org.openvisit.room.application.LobbyOpening lobbyOpening;


    @Inject
    private transient JoinLinks joinLinks;

    @Inject
    private transient PublicAddress publicAddress;

    /** A page of a visit whose region's database cannot be reached now: 503, with the page that says so. */
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            get(request, response);
        } catch (RuntimeException e) {
            RoomRefusal.regionUnavailable(request, response, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            post(request, response);
        } catch (RuntimeException e) {
            RoomRefusal.regionUnavailable(request, response, e);
        }
    }

    private void get(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String[] parts = path.substring(1).split("/", -1);
        UUID id = parseId(parts[0]);
        String view = parts.length == 2 ? parts[1] : "";
        if (id == null || parts.length > 2 || !(view.isEmpty() || view.equals("lobby") || view.equals("events")
                || view.equals("quality") || view.equals("teams"))) {
            RoomRefusal.send(request, response, 404, "NOT_FOUND");
            return;
        }
        Optional<RoomPass> pass = access.pass(request, id);
        if (pass.isEmpty()) {
            RoomRefusal.send(request, response, 403, "NOT_LAUNCHED_HERE");
            return;
        }
        boolean clinician = pass.get().isClinician();
        Optional<VisitPage> visit = pages.of(id, clinician && view.isEmpty());
        if (visit.isEmpty()) {
            RoomRefusal.send(request, response, 404, "NOT_FOUND");
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        if (view.equals("teams")) {
            toTeams(request, response, visit.get().visit());
        } else if (view.equals("lobby") && clinician) {
            redirect(request, response, "/visit/" + id);
        } else if (!view.equals("lobby") && !clinician) {
            if (view.isEmpty()) {
                redirect(request, response, "/visit/" + id + "/lobby");
            } else {
                RoomRefusal.send(request, response, 403, "CLINICIANS_ONLY");
            }
        } else if (view.equals("events")) {
            json(response, eventsJson(id));
        } else if (view.equals("quality")) {
            json(response, qualityJson(id));
        } else {
            VisitView v = visit.get().visit();
            String organization = visit.get().organizationName();
            String page;
            if (clinician) {
                boolean open = v.status() != VisitStatus.ENDED;
                String base = publicAddress.base(request);
                String patientLink = open ? base + "/join?token=" + joinLinks.issue(id, JoinRole.PATIENT) : "";
                String guestLink = open ? base + "/join?token=" + joinLinks.issue(id, JoinRole.GUEST) : "";
                page = RoomPages.provider(request.getContextPath(), RoomPages.Viewer.of(request), v, organization, patientLink, guestLink,
                        visit.get().events());
            } else {
                java.time.Instant now = java.time.Instant.now();
                RoomPages.Viewer patient = RoomPages.Viewer.forPatient(request, visit.get().patientLanguage().locale());
                page = onTeams(v) ? RoomPages.teams(request.getContextPath(), patient, v, organization)
                        : v.status() != VisitStatus.ENDED && lobbyOpening.early(v.appointmentStart(), now)
                        ? RoomPages.early(request.getContextPath(), patient, v, organization,
                        lobbyOpening.opensAt(v.appointmentStart()), lobbyOpening.minutesBefore())
                        : RoomPages.lobby(request.getContextPath(), patient, v, organization);
            }
            LaunchTiming.report(response);
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write(page);
        }
    }

    private static boolean onTeams(VisitView v) {
        return v.meeting() != null && TEAMS.equals(v.meeting().platform());
    }

    /**
     * {@code GET /visit/<id>/teams}: a browser with a pass for a visit on Microsoft Teams goes on to the meeting's join
     * URL (303); a visit that ended, or is not on Teams, sends it back to its page.
     */
    private void toTeams(HttpServletRequest request, HttpServletResponse response, VisitView v) throws IOException {
        if (onTeams(v) && v.status() != VisitStatus.ENDED && v.meeting().meetingId().startsWith("http")) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", v.meeting().meetingId());
        } else {
            redirect(request, response, "/visit/" + v.id() + "/lobby");
        }
    }

    /**
     * {@code POST /visit/<id>/sms} (room.js, form field {@code number}): sends the visit's patient link by SMS to the
     * number typed. Only a clinician of the visit in this browser, only from this site (Origin or Referer of this
     * host, and the header {@code X-OpenVisit-Request: sms} that a cross-site form cannot send). Answers JSON: the
     * outcome's code ({@code result}), its words in the viewer's language ({@code message}) and, once sent, the
     * visit's new event. The number is never logged or answered (only masked).
     */
    private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Optional.ofNullable(request.getPathInfo()).orElse("/");
        String[] parts = path.substring(1).split("/", -1);
        UUID id = parseId(parts[0]);
        if (id == null || parts.length != 2 || !(parts[1].equals("sms") || parts[1].equals("restart"))) {
            RoomRefusal.send(request, response, 404, "NOT_FOUND");
            return;
        }
        if (parts[1].equals("restart")) {
            restart(request, response, id);
            return;
        }
        Optional<RoomPass> pass = clinicianPost(request, response, id, "sms");
        if (pass.isEmpty()) {
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        LinkSendResult result;
        try {
            result = smsLinks.send(id, request.getParameter("number"), pass.get().role());
        } catch (VisitNotFoundException e) {
            RoomRefusal.send(request, response, 404, "NOT_FOUND");
            return;
        }
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("result", result.outcome().name())
                .add("message", RoomPages.smsResult(RoomPages.Viewer.of(request), result));
        if (result.numberProblem() != null) {
            o.add("field", "number");
        }
        if (result.event() != null) {
            VisitEventRecorded e = result.event();
            JsonObjectBuilder event = Jsons.createObjectBuilder().add("sequence", e.sequence())
                    .add("event", e.type().name()).add("at", e.occurredAt().toString());
            if (e.attendeeRole() != null) {
                event.add("role", e.attendeeRole().name());
            }
            o.add("event", event);
        }
        json(response, o.build().toString());
    }

    /**
     * The checks of a clinician's POST from the visit page: from this site with {@code X-OpenVisit-Request: <action>},
     * by a browser holding a clinician's pass for the visit. The pass, or empty once the refusal is sent.
     */
    private Optional<RoomPass> clinicianPost(HttpServletRequest request, HttpServletResponse response, UUID id,
                                             String action) throws IOException {
        if (!action.equals(request.getHeader("X-OpenVisit-Request")) || !SameOriginPosts.fromThisSite(request)) {
            RoomRefusal.send(request, response, 403, "NOT_LAUNCHED_HERE");
            return Optional.empty();
        }
        Optional<RoomPass> pass = access.pass(request, id);
        if (pass.isEmpty()) {
            RoomRefusal.send(request, response, 403, "NOT_LAUNCHED_HERE");
            return Optional.empty();
        }
        if (!pass.get().isClinician()) {
            RoomRefusal.send(request, response, 403, "CLINICIANS_ONLY");
            return Optional.empty();
        }
        return pass;
    }

    /**
     * {@code POST /visit/<id>/restart} (room.js, the ended page's "Start the visit again"): a clinician of the visit in
     * this browser starts the ended visit again (VISIT_RESTARTED). Only from this site, with the header
     * {@code X-OpenVisit-Request: restart}. Answers JSON {@code {"result": "RESTARTED"}}, or 409 with
     * {@code NOT_ENDED} when the visit is open already (a second press, another clinician was first).
     */
    private void restart(HttpServletRequest request, HttpServletResponse response, UUID id) throws IOException {
        if (clinicianPost(request, response, id, "restart").isEmpty()) {
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        try {
            orchestration.restart(id);
        } catch (VisitNotFoundException e) {
            RoomRefusal.send(request, response, 404, "NOT_FOUND");
            return;
        } catch (org.openvisit.visit.domain.model.IllegalVisitTransitionException e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            json(response, Jsons.createObjectBuilder().add("result", "NOT_ENDED").build().toString());
            return;
        }
        rooms.forget(id); // the ended room (on every node) is rebuilt, open, from the database
        json(response, Jsons.createObjectBuilder().add("result", "RESTARTED").build().toString());
    }

    private String eventsJson(UUID id) {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (VisitEventRecorded e : events.of(id)) {
            JsonObjectBuilder o = Jsons.createObjectBuilder().add("sequence", e.sequence()).add("type", e.type().name())
                    .add("occurredAt", e.occurredAt().toString());
            if (e.attendeeRole() != null) {
                o.add("role", e.attendeeRole().name());
            }
            if (e.attendeeId() != null) {
                o.add("attendee", e.attendeeId());
            }
            if (e.detail() != null) {
                o.add("detail", e.detail());
            }
            list.add(o);
        }
        return list.build().toString();
    }

    private String qualityJson(UUID id) {
        JsonArrayBuilder list = Jsons.createArrayBuilder();
        for (CallQualityView q : quality.of(id)) {
            JsonObjectBuilder o = Jsons.createObjectBuilder().add("attendee", q.attendeeId()).add("role", q.role().name())
                    .add("samples", q.samples())
                    .add("relayedSamples", q.relayedSamples());
            add(o, "rttMeanMs", q.rttMeanMs());
            add(o, "rttMaxMs", q.rttMaxMs());
            add(o, "jitterMeanMs", q.jitterMeanMs());
            add(o, "lossMeanPercent", q.lossMeanPercent());
            add(o, "lossMaxPercent", q.lossMaxPercent());
            add(o, "fpsMean", q.fpsMean());
            add(o, "bitrateMeanKbps", q.bitrateMeanKbps());
            list.add(o);
        }
        return list.build().toString();
    }

    private static void add(JsonObjectBuilder o, String key, Double value) {
        if (value != null) {
            o.add(key, value);
        }
    }

    private static void json(HttpServletResponse response, String body) throws IOException {
        LaunchTiming.report(response);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(body);
    }

    private static void redirect(HttpServletRequest request, HttpServletResponse response, String target) {
        LaunchTiming.report(response);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + target);
    }

    private static UUID parseId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
