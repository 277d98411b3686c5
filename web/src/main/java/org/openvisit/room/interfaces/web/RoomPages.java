package org.openvisit.room.interfaces.web;

import org.openvisit.shared.interfaces.web.Html;
import org.openvisit.visit.application.ParticipantView;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.VisitStatus;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The HTML of the room pages: the clinician's visit page, the patient's and guest's lobby (which
 * becomes the call without a reload), and the device test. The pages are plain HTML; what moves is
 * done by {@code resources/openvisit/room.js} and {@code device-test.js} over the signalling socket.
 */
public final class RoomPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private RoomPages() {
    }

    /** The clinician's page: the visit, who is where (live), invitations, the call, the event log. */
    public static String provider(String contextPath, VisitView v, String organization, String patientLink,
                                  String guestLink, List<VisitEventRecorded> events) {
        StringBuilder people = new StringBuilder();
        for (ParticipantView p : v.participants()) {
            people.append("<tr><td>").append(Html.escape(p.ehrUserId())).append("</td><td>")
                    .append(p.role()).append("</td><td>").append(TIME.format(p.firstLaunchAt())).append("</td></tr>");
        }
        StringBuilder log = new StringBuilder();
        for (VisitEventRecorded e : events) {
            log.append("<li data-sequence=\"").append(e.sequence()).append("\" data-event=\"").append(e.type())
                    .append("\">").append(TIME.format(e.occurredAt())).append(" · ").append(e.type())
                    .append(e.attendeeRole() == null ? "" : " · " + e.attendeeRole())
                    .append(e.detail() == null ? "" : " · " + Html.escape(e.detail())).append("</li>");
        }
        boolean ended = v.status() == VisitStatus.ENDED;
        String body = "<div id=\"room\" data-visit-id=\"" + v.id() + "\" data-mode=\"clinician\" data-ended=\"" + ended
                + "\">"
                + "<dl id=\"visit\" data-visit-id=\"" + v.id() + "\">"
                + "<dt>Organization</dt><dd id=\"organization\">" + Html.escape(organization) + "</dd>"
                + "<dt>Appointment time</dt>" + appointmentTime(v)
                + "<dt>Department</dt><dd id=\"department\">" + (v.departmentId() == null ? "Not given by the EHR"
                : Html.escape(v.departmentId())) + "</dd>"
                + "<dt>State</dt><dd id=\"visitState\">" + v.status() + "</dd>"
                + "<dt>Opened</dt><dd>" + TIME.format(v.createdAt()) + "</dd></dl>"
                + "<p id=\"roomStatus\" class=\"status\" role=\"status\">Connecting to the visit…</p>"
                + "<section><h2>Participants</h2><table id=\"attendees\" class=\"attendees\"><thead><tr><th>Who</th>"
                + "<th>State</th><th>Call quality</th><th></th></tr></thead><tbody><tr class=\"empty\"><td colspan=\"4\">"
                + "Nobody has joined yet.</td></tr></tbody></table>"
                + "<p><button id=\"admitAll\" type=\"button\" disabled>Admit all</button></p></section>"
                + callSection(true)
                + "<section><h2>Invite</h2>"
                + linkRow("patientLink", "Patient link", patientLink, "Copy patient link")
                + "<p class=\"note\" id=\"smsNote\">Sending the patient link by SMS arrives with the notifications "
                + "feature; until then copy the link into your own message to the patient.</p>"
                + linkRow("guestLink", "Guest link (interpreter, family)", guestLink, "Copy guest link")
                + "<p class=\"note\">Links are valid for a few hours and open only this visit.</p></section>"
                + "<section><h2>End</h2><p><button id=\"endVisit\" type=\"button\" class=\"danger\""
                + (ended ? " disabled" : "") + ">End visit</button></p></section>"
                + "<section><h2>Events</h2><ol id=\"events\">" + log + "</ol></section>"
                + "<section><h2>Clinicians who launched this visit</h2><table id=\"participants\"><tr><th>EHR user</th>"
                + "<th>Role</th><th>First launch</th></tr>" + people + "</table></section></div>";
        return page(contextPath, "Virtual visit", body, true);
    }

    /** The patient's or guest's lobby: the organization, the wait, the device test; then the call. */
    public static String lobby(String contextPath, VisitView v, String organization) {
        boolean ended = v.status() == VisitStatus.ENDED;
        String body = "<div id=\"room\" data-visit-id=\"" + v.id() + "\" data-mode=\"lobby\" data-ended=\"" + ended
                + "\">"
                + "<p class=\"org\">" + Html.escape(organization) + "</p>"
                + "<p id=\"roomStatus\" class=\"status\" role=\"status\">Connecting…</p>"
                + "<div id=\"lobby\"><p id=\"lobbyMessage\" class=\"big\">"
                + (ended ? "This visit has ended." : "You are checked in. Your clinician will let you in; please keep "
                + "this page open.") + "</p>"
                + deviceTestSection() + "</div>"
                + callSection(false) + "</div>";
        return page(contextPath, "Your virtual visit", body, true);
    }

    /** The device test on its own, before any visit. */
    public static String deviceTest(String contextPath) {
        String body = "<p>Check your camera, microphone, speaker and connection before your virtual visit. Nothing "
                + "is recorded from this page.</p>" + deviceTestSection();
        return page(contextPath, "Test your camera and microphone", body, false);
    }

    private static String deviceTestSection() {
        return "<section id=\"deviceTest\" class=\"device-test\"><h2>Test your camera and microphone</h2>"
                + "<video id=\"dtPreview\" autoplay muted playsinline></video>"
                + "<div class=\"meter\"><div id=\"dtLevel\"></div></div>"
                + "<p><button id=\"dtStart\" type=\"button\">Start the test</button> "
                + "<button id=\"dtSpeaker\" type=\"button\">Play a test sound</button></p>"
                + "<ul id=\"dtResults\"></ul></section>";
    }

    private static String callSection(boolean clinician) {
        return "<section id=\"call\" class=\"call\"" + (clinician ? "" : " hidden") + ">"
                + (clinician ? "<h2>Call</h2>" : "")
                + "<div id=\"videos\" class=\"videos\"><figure class=\"tile self\"><video id=\"selfVideo\" autoplay "
                + "muted playsinline></video><figcaption>You</figcaption></figure></div>"
                + "<p class=\"controls\">"
                + (clinician ? "<button id=\"joinCall\" type=\"button\">Join</button> " : "")
                + "<button id=\"mute\" type=\"button\" disabled>Mute</button> "
                + "<button id=\"camera\" type=\"button\" disabled>Camera off</button> "
                + (clinician ? "<button id=\"share\" type=\"button\" disabled>Share screen</button> " : "")
                + "<button id=\"leave\" type=\"button\" disabled>Leave</button></p></section>";
    }

    /** The booked time in UTC; room.js shows it in the browser's own time zone. */
    static String appointmentTime(VisitView v) {
        if (v.appointmentStart() == null) {
            return "<dd id=\"appointmentTime\">Not known: the EHR did not give it</dd>";
        }
        return "<dd id=\"appointmentTime\" data-start=\"" + v.appointmentStart() + "\""
                + (v.appointmentEnd() == null ? "" : " data-end=\"" + v.appointmentEnd() + "\"") + ">"
                + TIME.format(v.appointmentStart())
                + (v.appointmentEnd() == null ? "" : " to " + TIME.format(v.appointmentEnd())) + "</dd>";
    }

    private static String linkRow(String id, String label, String url, String button) {
        return "<p class=\"link\"><label for=\"" + id + "\">" + label + "</label><input id=\"" + id
                + "\" type=\"text\" readonly value=\"" + Html.escape(url) + "\"><button type=\"button\" "
                + "data-copy=\"" + id + "\">" + button + "</button></p>";
    }

    private static String page(String contextPath, String title, String body, boolean room) {
        String res = contextPath + "/resources/openvisit/";
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + Html.escape(title) + " - OpenVisit</title>"
                + "<link rel=\"stylesheet\" href=\"" + res + "rooms.css\"></head><body><main><h1>"
                + Html.escape(title) + "</h1>" + body + "</main>"
                + "<script src=\"" + res + "device-test.js\"></script>"
                + (room ? "<script src=\"" + res + "room.js\"></script>" : "<script>OpenVisitDeviceTest.attach();</script>")
                + "</body></html>";
    }
}
