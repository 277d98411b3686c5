package org.openvisit.room.interfaces.web;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.BundleTexts;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.shared.interfaces.web.Html;
import org.openvisit.notify.application.LinkSendResult;
import org.openvisit.visit.application.ParticipantView;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.application.VisitView;
import org.openvisit.visit.domain.model.VisitStatus;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * The HTML of the room pages: the clinician's visit page, the patient's and guest's lobby (which
 * becomes the call without a reload), and the device test, in the viewer's language (bundle {@value #BUNDLE}). The
 * pages are plain HTML; what moves is done by {@code resources/openvisit/room.js} and {@code device-test.js} over the
 * signalling socket, with their words from the page's {@code pageTexts} JSON block (the bundle's {@code js.*} keys;
 * a data block, not a script, so a Content-Security-Policy without inline script allows it).
 */
public final class RoomPages {

    public static final String BUNDLE = "org.openvisit.room.interfaces.web.Messages";

    private RoomPages() {
    }

    /** The room texts in the viewer's language, and the zone times are written in. */
    public record Viewer(BundleTexts texts, ZoneId zone) {

        public static Viewer of(jakarta.servlet.http.HttpServletRequest request) {
            return new Viewer(BundleTexts.of(BUNDLE, BrowserLanguage.of(request)), Formats.zone(request));
        }

        /** A patient's page: the organization's language for patients when the browser asks for none of OpenVisit's. */
        public static Viewer forPatient(jakarta.servlet.http.HttpServletRequest request, java.util.Locale organization) {
            return new Viewer(BundleTexts.of(BUNDLE, BrowserLanguage.forPatient(request, organization)),
                    Formats.zone(request));
        }

        String get(String key) {
            return texts.get(key);
        }

        String time(Instant at) {
            return Formats.instant(at, texts.locale(), zone);
        }
    }

    /** The clinician's page: the visit, who is where (live), invitations, the call, the event log. */
    public static String provider(String contextPath, Viewer t, VisitView v, String organization, String patientLink,
                                  String guestLink, List<VisitEventRecorded> events) {
        StringBuilder people = new StringBuilder();
        for (ParticipantView p : v.participants()) {
            people.append("<tr><td translate=\"no\">").append(Html.escape(p.ehrUserId())).append("</td><td>")
                    .append(Html.escape(word(t, "role.", p.role()))).append("</td><td>")
                    .append(Html.escape(t.time(p.firstLaunchAt()))).append("</td></tr>");
        }
        StringBuilder log = new StringBuilder();
        for (VisitEventRecorded e : events) {
            log.append("<li data-sequence=\"").append(e.sequence()).append("\" data-event=\"").append(e.type())
                    .append("\">").append(Html.escape(t.time(e.occurredAt()))).append(" · ")
                    .append(Html.escape(word(t, "event.", e.type())))
                    .append(e.attendeeRole() == null ? "" : " · " + Html.escape(word(t, "role.", e.attendeeRole())))
                    .append(e.detail() == null ? "" : " · <span translate=\"no\">" + Html.escape(e.detail()) + "</span>")
                    .append("</li>");
        }
        boolean ended = v.status() == VisitStatus.ENDED;
        // video first: the call on the left (the other people large, oneself small, the controls always in view), the
        // visit, the people, the invitations and the events in a side panel beside it (below it on a phone)
        String body = "<div id=\"room\" class=\"room\" data-visit-id=\"" + v.id() + "\" data-mode=\"clinician\" data-ended=\""
                + ended + "\">"
                + "<p id=\"roomStatus\" class=\"status\" role=\"status\" aria-live=\"polite\">"
                + t.get("status.connectingVisit") + "</p>"
                + (ended ? restartSection(t) : "")
                + "<div class=\"layout\">"
                + callSection(t, true)
                + "<aside class=\"side\" aria-label=\"" + t.get("side.label") + "\">"
                + "<section><h2>" + t.get("participants.title") + "</h2><table id=\"attendees\" class=\"attendees\">"
                + "<thead><tr><th>" + t.get("participants.who") + "</th><th>" + t.get("participants.state") + "</th><th>"
                + t.get("participants.quality") + "</th><th>" + t.get("participants.actions") + "</th></tr></thead>"
                + "<tbody><tr class=\"empty\"><td colspan=\"4\">" + t.get("participants.none") + "</td></tr></tbody></table>"
                + "<p><button id=\"admitAll\" type=\"button\" disabled>" + t.get("participants.admitAll") + "</button></p>"
                + "</section>"
                + "<section><h2>" + t.get("invite.title") + "</h2>"
                + (ended ? "<p id=\"inviteEnded\" class=\"note\">" + t.get("invite.ended") + "</p>"
                : linkRow("patientLink", t.get("invite.patient"), patientLink, t.get("invite.copyPatient"))
                + smsForm(contextPath, t, v, false)
                + linkRow("guestLink", t.get("invite.guest"), guestLink, t.get("invite.copyGuest"))
                + "<p class=\"note\">" + t.get("invite.validity") + "</p>")
                + "</section>"
                + "<section><h2>" + t.get("visit.title") + "</h2>"
                + "<dl id=\"visit\" data-visit-id=\"" + v.id() + "\">"
                + "<dt>" + t.get("visit.organization") + "</dt><dd id=\"organization\" translate=\"no\">"
                + Html.escape(organization) + "</dd>"
                + "<dt>" + t.get("visit.appointmentTime") + "</dt>" + appointmentTime(t, v)
                + "<dt>" + t.get("visit.department") + "</dt><dd id=\"department\">" + (v.department() == null
                ? t.get("visit.departmentUnknown") : "<span translate=\"no\">" + Html.escape(v.department()) + "</span>")
                + "</dd>"
                + "<dt>" + t.get("visit.state") + "</dt><dd id=\"visitState\" data-state=\"" + v.status() + "\">"
                + Html.escape(word(t, "visitState.", v.status())) + "</dd>"
                + "<dt>" + t.get("visit.opened") + "</dt><dd>" + Html.escape(t.time(v.createdAt())) + "</dd></dl></section>"
                + "<section><h2>" + t.get("end.title") + "</h2><p><button id=\"endVisit\" type=\"button\" class=\"danger\""
                + (ended ? " disabled" : "") + ">" + t.get("end.button") + "</button></p></section>"
                + "<section><h2>" + t.get("events.title") + "</h2><ol id=\"events\">" + log + "</ol></section>"
                + "<section><h2>" + t.get("launched.title") + "</h2><table id=\"participants\"><tr><th>"
                + t.get("launched.user") + "</th><th>" + t.get("launched.role") + "</th><th>" + t.get("launched.first")
                + "</th></tr>" + people + "</table></section></aside></div></div>";
        return page(contextPath, t, t.get("title.provider"), body, true);
    }

    /** An ended visit: what happened, and the clinician's way to start it again (room.js posts /visit/<id>/restart). */
    private static String restartSection(Viewer t) {
        return "<section id=\"restart\" class=\"restart\"><h2>" + t.get("restart.title") + "</h2><p>"
                + t.get("restart.text") + "</p><p><button id=\"restartVisit\" type=\"button\">" + t.get("restart.button")
                + "</button></p><p id=\"restartResult\" class=\"status\" role=\"status\" aria-live=\"polite\"></p>"
                + "</section>";
    }

    /**
     * "Send patient link by SMS": the number typed, the button, and a live region that says (in the viewer's
     * language) what became of it; room.js posts it to {@code /visit/<id>/sms}.
     */
    static String smsForm(String contextPath, Viewer t, VisitView v, boolean ended) {
        String off = ended ? " disabled" : "";
        return "<form id=\"smsForm\" class=\"sms\" method=\"post\" action=\"" + Html.escape(contextPath) + "/visit/"
                + v.id() + "/sms\" novalidate>"
                + "<p class=\"note\" id=\"smsNote\">" + t.get("invite.sms") + "</p>"
                + "<p class=\"link\"><label for=\"smsNumber\">" + t.get("invite.smsNumber") + "</label>"
                + "<input id=\"smsNumber\" name=\"number\" type=\"tel\" inputmode=\"tel\" autocomplete=\"off\" "
                + "maxlength=\"40\" aria-describedby=\"smsNote smsResult\" translate=\"no\"" + off + ">"
                + "<button id=\"smsSend\" type=\"submit\"" + off + ">" + t.get("invite.smsSend") + "</button></p>"
                + "<p id=\"smsResult\" class=\"status\" role=\"status\" aria-live=\"polite\"></p></form>";
    }

    /** What became of a "Send patient link by SMS", in the viewer's words (never a code). */
    public static String smsResult(Viewer t, LinkSendResult r) {
        return switch (r.outcome()) {
            case SENT -> t.texts().format("sms.SENT", r.toMasked());
            case INVALID_NUMBER -> t.texts().format("sms.INVALID_NUMBER." + r.numberProblem().name(),
                    country(t, r.country()));
            case TOO_MANY -> t.texts().format("sms.TOO_MANY", r.limit());
            case NOT_SET_UP -> t.texts().format("sms.NOT_SET_UP");
            case NO_CONSENT -> t.texts().format("sms.NO_CONSENT");
            case NO_NUMBER -> t.texts().format("sms.NO_NUMBER");
            case OPTED_OUT -> t.texts().format("sms.OPTED_OUT");
            case VISIT_ENDED -> t.texts().format("sms.VISIT_ENDED");
            case TOO_FAST -> t.texts().format("sms.TOO_FAST");
            case CARRIER_FAILED -> t.texts().format("sms.CARRIER_FAILED");
        };
    }

    private static String country(Viewer t, String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        String name = new java.util.Locale("", code).getDisplayCountry(t.texts().locale());
        return name.isBlank() ? code : name;
    }

    /** The patient's or guest's lobby: the organization, the wait, the device test; then the call. */
    public static String lobby(String contextPath, Viewer t, VisitView v, String organization) {
        boolean ended = v.status() == VisitStatus.ENDED;
        String body = "<div id=\"room\" data-visit-id=\"" + v.id() + "\" data-mode=\"lobby\" data-ended=\"" + ended
                + "\">"
                + "<p class=\"org\" translate=\"no\">" + Html.escape(organization) + "</p>"
                + "<p id=\"roomStatus\" class=\"status\" role=\"status\" aria-live=\"polite\">"
                + t.get("status.connecting") + "</p>"
                + "<div id=\"lobby\"><p id=\"lobbyMessage\" class=\"big\" aria-live=\"assertive\">"
                + (ended ? t.get("lobby.ended") : t.get("lobby.waiting")) + "</p>"
                + deviceTestSection(t) + "</div>"
                + callSection(t, false) + "</div>";
        return page(contextPath, t, t.get("title.lobby"), body, true);
    }

    /**
     * A patient or guest who came long before the appointment: when it is and when the lobby opens (in the viewer's
     * language and zone), and the device test meanwhile. No signalling socket, so nothing is recorded and nobody sees
     * them waiting; {@code lobby-early.js} reloads the page when the lobby opens, and the server then gives the lobby.
     */
    public static String early(String contextPath, Viewer t, VisitView v, String organization, Instant opensAt,
                               int minutesBefore) {
        String body = "<div id=\"early\" data-visit-id=\"" + v.id() + "\" data-opens=\"" + opensAt + "\">"
                + "<p class=\"org\" translate=\"no\">" + Html.escape(organization) + "</p>"
                + "<p id=\"earlyMessage\" class=\"big\" role=\"status\">"
                + Html.escape(t.texts().format("early.appointment", t.time(v.appointmentStart()))) + "</p>"
                + "<p id=\"lobbyOpens\" data-opens=\"" + opensAt + "\">"
                + Html.escape(t.texts().format("early.opens", t.time(opensAt), minutesBefore)) + "</p>"
                + "<p class=\"note\">" + t.get("early.meanwhile") + "</p>"
                + deviceTestSection(t) + "</div>";
        return page(contextPath, t, t.get("title.lobby"), body, "device-test-page.js", "lobby-early.js");
    }

    /**
     * A patient's or guest's page of a visit on Microsoft Teams: the device test first, then a button to OpenVisit's
     * {@code /visit/<id>/teams}, which sends this browser (its pass checked again) on to the meeting's join URL. The
     * join URL itself is not in the page. No signalling socket: Teams has its own lobby.
     */
    public static String teams(String contextPath, Viewer t, VisitView v, String organization) {
        boolean ended = v.status() == VisitStatus.ENDED;
        String body = "<div id=\"teams\" data-visit-id=\"" + v.id() + "\">"
                + "<p class=\"org\" translate=\"no\">" + Html.escape(organization) + "</p>"
                + "<p id=\"teamsMessage\" class=\"big\" role=\"status\">"
                + (ended ? t.get("lobby.ended") : t.get("teams.intro")) + "</p>"
                + deviceTestSection(t)
                + (ended ? "" : "<p><a id=\"joinTeams\" class=\"button\" href=\"" + contextPath + "/visit/"
                + v.id() + "/teams\">" + t.get("teams.join") + "</a></p><p class=\"note\">" + t.get("teams.noAccount")
                + "</p>")
                + "</div>";
        return page(contextPath, t, t.get("title.lobby"), body, false);
    }

    /** The device test on its own, before any visit. */
    public static String deviceTest(String contextPath, Viewer t) {
        String body = "<p>" + t.get("deviceTest.intro") + "</p>" + deviceTestSection(t);
        return page(contextPath, t, t.get("title.deviceTest"), body, false);
    }

    /** Why a join link or visit address opens nothing, and what to do; an unknown code gets the general words. */
    public static String refusal(String contextPath, Viewer t, String code) {
        String key = t.texts().bundle().containsKey("refusal." + code + ".title") ? code : "OTHER";
        String title = t.get("refusal." + key + ".title");
        String body = "<p id=\"launchMessage\">" + t.get("refusal." + key + ".message") + "</p>"
                + "<p class=\"code\">" + t.get("refusal.reason") + " <span id=\"launchReason\" translate=\"no\">"
                + Html.escape(code) + "</span></p>";
        String res = contextPath + "/resources/openvisit/";
        return "<!DOCTYPE html><html lang=\"" + BrowserLanguage.tag(t.texts().locale()) + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + " - OpenVisit</title>"
                + "<link rel=\"stylesheet\" href=\"" + res + "rooms.css\"></head><body><main><h1>" + Html.escape(title)
                + "</h1>" + body + "</main></body></html>";
    }

    /**
     * Camera, microphone and speaker to choose ({@code devices.js} fills them and remembers the choice in this
     * browser); where the browser cannot choose the speaker, the note says so and the list stays disabled.
     */
    static String deviceChoices(Viewer t, String prefix) {
        return "<div class=\"choices\" id=\"" + prefix + "Choices\">"
                + choice(prefix + "Camera", "videoinput", t.get("devices.camera"))
                + choice(prefix + "Microphone", "audioinput", t.get("devices.microphone"))
                + choice(prefix + "Speaker", "audiooutput", t.get("devices.speaker"))
                + "<p id=\"" + prefix + "SpeakerNote\" class=\"note\" data-sink-note hidden>" + t.get("devices.noSpeakerChoice")
                + "</p></div>";
    }

    private static String choice(String id, String kind, String label) {
        return "<p class=\"choice\"><label for=\"" + id + "\">" + label + "</label><select id=\"" + id
                + "\" data-device-kind=\"" + kind + "\"></select></p>";
    }

    private static String deviceTestSection(Viewer t) {
        return "<section id=\"deviceTest\" class=\"device-test\"><h2>" + t.get("title.deviceTest") + "</h2>"
                + deviceChoices(t, "dt")
                + "<video id=\"dtPreview\" autoplay muted playsinline aria-label=\"" + t.get("deviceTest.preview")
                + "\"></video>"
                + "<div class=\"meter\" role=\"img\" aria-label=\"" + t.get("deviceTest.level") + "\"><div id=\"dtLevel\">"
                + "</div></div>"
                + "<p><button id=\"dtStart\" type=\"button\">" + t.get("deviceTest.start") + "</button> "
                + "<button id=\"dtSpeaker\" type=\"button\">" + t.get("deviceTest.speaker") + "</button></p>"
                + "<p id=\"dtHeard\" role=\"group\" aria-labelledby=\"dtHeardQuestion\" hidden><span id=\"dtHeardQuestion\">"
                + t.get("deviceTest.heard") + "</span> <button id=\"dtHeardYes\" type=\"button\">" + t.get("deviceTest.heardYes")
                + "</button> <button id=\"dtHeardNo\" type=\"button\">" + t.get("deviceTest.heardNo") + "</button></p>"
                + "<ul id=\"dtResults\" aria-live=\"polite\"></ul></section>";
    }

    /**
     * The call, video first: the others' videos fill the stage (one large; two or three side by side in an even
     * grid), one's own camera sits small in a corner, and the control bar stays at the stage's foot, in view without
     * scrolling. The others' microphone and camera states show on their tiles ({@code room.js}) and are told in a
     * live region.
     */
    private static String callSection(Viewer t, boolean clinician) {
        return "<section id=\"call\" class=\"call stage\" aria-labelledby=\"callTitle\"" + (clinician ? "" : " hidden") + ">"
                + "<h2 id=\"callTitle\" class=\"visually-hidden\">" + t.get("call.title") + "</h2>"
                + "<div id=\"videos\" class=\"videos\" data-others=\"0\">"
                + "<p id=\"stageEmpty\" class=\"stage-empty\">" + t.get("call.nobodyYet") + "</p>"
                + "<figure class=\"tile self\"><video id=\"selfVideo\" autoplay "
                + "muted playsinline aria-label=\"" + t.get("call.selfVideo") + "\"></video><figcaption>"
                + t.get("call.you") + "</figcaption></figure></div>"
                + "<div id=\"controls\" class=\"controls\" role=\"group\" aria-label=\"" + t.get("call.controls") + "\">"
                + (clinician ? "<button id=\"joinCall\" type=\"button\">" + t.get("call.join") + "</button>" : "")
                + "<button id=\"mute\" type=\"button\" aria-pressed=\"false\" disabled>" + t.get("js.mute") + "</button>"
                + "<button id=\"camera\" type=\"button\" aria-pressed=\"false\" disabled>" + t.get("js.cameraOff") + "</button>"
                + (clinician ? "<button id=\"share\" type=\"button\" disabled>" + t.get("js.share") + "</button>" : "")
                + "<details id=\"devicePanel\" class=\"device-panel\"><summary>" + t.get("devices.title") + "</summary>"
                + deviceChoices(t, "call") + "</details>"
                + "<button id=\"leave\" type=\"button\" class=\"leave\" disabled>" + t.get("call.leave") + "</button></div>"
                + "<p id=\"callAnnouncer\" class=\"visually-hidden\" aria-live=\"polite\"></p></section>";
    }

    /** The booked time in the viewer's zone (room.js may show it again in the browser's own zone). */
    static String appointmentTime(Viewer t, VisitView v) {
        if (v.appointmentStart() == null) {
            return "<dd id=\"appointmentTime\">" + t.get("visit.appointmentUnknown") + "</dd>";
        }
        String start = Html.escape(t.time(v.appointmentStart()));
        return "<dd id=\"appointmentTime\" data-start=\"" + v.appointmentStart() + "\""
                + (v.appointmentEnd() == null ? "" : " data-end=\"" + v.appointmentEnd() + "\"") + ">"
                + (v.appointmentEnd() == null ? start
                : t.texts().format("visit.appointmentRange", start, Html.escape(t.time(v.appointmentEnd())))) + "</dd>";
    }

    private static String word(Viewer t, String prefix, Enum<?> code) {
        String key = prefix + code.name();
        return t.texts().bundle().containsKey(key) ? t.get(key) : code.name();
    }

    private static String linkRow(String id, String label, String url, String button) {
        return "<p class=\"link\"><label for=\"" + id + "\">" + label + "</label><input id=\"" + id
                + "\" type=\"text\" readonly value=\"" + Html.escape(url) + "\" translate=\"no\"><button type=\"button\" "
                + "data-copy=\"" + id + "\">" + button + "</button></p>";
    }

    /** The bundle's {@code js.*} texts as JSON, with {@code <} escaped so that no text can close the block. */
    static String scriptTexts(Viewer t) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        for (String key : t.texts().bundle().keySet()) {
            if (key.startsWith("js.")) {
                json.add(key, t.get(key));
            }
        }
        return json.build().toString().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
    }

    private static String page(String contextPath, Viewer t, String title, String body, boolean room) {
        return room ? page(contextPath, t, title, body, "sfu.js", "room.js") : page(contextPath, t, title, body, "device-test-page.js");
    }

    private static String page(String contextPath, Viewer t, String title, String body, String... scripts) {
        String res = contextPath + "/resources/openvisit/";
        return "<!DOCTYPE html><html lang=\"" + BrowserLanguage.tag(t.texts().locale()) + "\"><head><meta charset=\"UTF-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"referrer\" content=\"no-referrer\">"
                + "<title>" + Html.escape(title) + " - OpenVisit</title>"
                + "<link rel=\"stylesheet\" href=\"" + res + "rooms.css\"></head><body><main><h1>"
                + Html.escape(title) + "</h1>" + body + "</main>"
                + "<script type=\"application/json\" id=\"pageTexts\">" + scriptTexts(t) + "</script>"
                + "<script src=\"" + res + "texts.js\"></script>"
                + "<script src=\"" + res + "devices.js\"></script>"
                + "<script src=\"" + res + "device-test.js\"></script>"
                + java.util.Arrays.stream(scripts).map(js -> "<script src=\"" + res + js + "\"></script>")
                .collect(java.util.stream.Collectors.joining())
                + "</body></html>";
    }
}
