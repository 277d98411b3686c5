package org.openvisit.room.interfaces.web;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.notify.application.LinkSendResult;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.BundleTexts;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The room pages in the viewer's language, their scripts' words as a JSON data block, and no inline script. */
class RoomPagesTest {

    private static RoomPages.Viewer viewer(Locale locale) {
        return new RoomPages.Viewer(BundleTexts.of(RoomPages.BUNDLE, locale), ZoneOffset.UTC);
    }

    @Test
    void theDeviceTestSpeaksTheViewersLanguage() {
        String russian = RoomPages.deviceTest("/ctx", viewer(BrowserLanguage.RUSSIAN));
        assertThat(russian).contains("<html lang=\"ru\">", "Проверка камеры и микрофона", "Начать проверку")
                .doesNotContain("Start the test");
        String chinese = RoomPages.deviceTest("/ctx", viewer(BrowserLanguage.TRADITIONAL_CHINESE));
        assertThat(chinese).contains("<html lang=\"zh-Hant-TW\">", "測試攝影機和麥克風");
    }

    @Test
    void scriptsGetTheirWordsAsDataNotAsInlineScript() {
        String page = RoomPages.deviceTest("/ctx", viewer(BrowserLanguage.SIMPLIFIED_CHINESE));
        Matcher block = Pattern.compile("<script type=\"application/json\" id=\"pageTexts\">(.*?)</script>").matcher(page);
        assertThat(block.find()).isTrue();
        JsonObject texts = Json.createReader(new StringReader(block.group(1))).readObject();
        assertThat(texts.getString("js.dt.rtt")).isEqualTo("服务器在 {0} 毫秒内响应。");
        assertThat(texts.keySet()).allMatch(k -> k.startsWith("js."));
        // every other script is a file: a Content-Security-Policy without 'unsafe-inline' allows the page
        Matcher scripts = Pattern.compile("<script([^>]*)>").matcher(page);
        while (scripts.find()) {
            assertThat(scripts.group(1)).satisfiesAnyOf(a -> assertThat(a).contains("src="),
                    a -> assertThat(a).contains("type=\"application/json\""));
        }
        assertThat(page).doesNotContain(" onclick=", " onload=");
    }

    @Test
    void noTextCanCloseTheDataBlock() {
        String json = RoomPages.scriptTexts(viewer(Locale.ENGLISH));
        assertThat(json).doesNotContain("<", ">");
    }

    @Test
    void aRefusedLinkSaysWhyInTheViewersLanguageAndAnUnknownReasonGetsGeneralWords() {
        String expired = RoomPages.refusal("", viewer(BrowserLanguage.RUSSIAN), "EXPIRED");
        assertThat(expired).contains("<html lang=\"ru\">", "Срок действия ссылки на приём истёк", ">EXPIRED</span>");
        String english = RoomPages.refusal("", viewer(Locale.ENGLISH), "BAD_SIGNATURE");
        assertThat(english).contains("This link does not open a visit", "was not made by this OpenVisit");
        String unknown = RoomPages.refusal("", viewer(BrowserLanguage.SIMPLIFIED_CHINESE), "<b>SOMETHING_NEW");
        assertThat(unknown).contains("此链接无法打开就诊", "&lt;b&gt;SOMETHING_NEW").doesNotContain("<b>");
    }

    private static org.openvisit.visit.application.VisitView visit(org.openvisit.visit.domain.model.VisitStatus status) {
        return new org.openvisit.visit.application.VisitView(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(), org.openvisit.visit.domain.model.VisitKeyKind.APPOINTMENT, null, status,
                null, null, null, java.time.Instant.now(), null, null, java.util.List.of(), null, null, null);
    }

    private static org.openvisit.visit.application.VisitView teamsVisit(org.openvisit.visit.domain.model.VisitStatus status) {
        var v = visit(status);
        return new org.openvisit.visit.application.VisitView(v.id(), v.endpointId(), v.organizationId(), v.keyKind(),
                null, status, new org.openvisit.visit.domain.model.MeetingRef("microsoft-teams",
                "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0"), null, null, v.createdAt(),
                null, null, java.util.List.of(), null, null, null);
    }

    @Test
    void theClinicianSeesTheDepartmentsNameFromTheEhrElseItsId() {
        var v = visit(org.openvisit.visit.domain.model.VisitStatus.SCHEDULED);
        var named = new org.openvisit.visit.application.VisitView(v.id(), v.endpointId(), v.organizationId(), v.keyKind(),
                "loc-riverside-virtual", v.status(), null, null, null, v.createdAt(), null, null, java.util.List.of(),
                null, null, "Riverside Virtual Care");
        var unnamed = new org.openvisit.visit.application.VisitView(v.id(), v.endpointId(), v.organizationId(), v.keyKind(),
                "loc-riverside-virtual", v.status(), null, null, null, v.createdAt(), null, null, java.util.List.of(),
                null, null, null);
        assertThat(RoomPages.provider("", viewer(Locale.ENGLISH), named, "Clinic", "p", "g", java.util.List.of()))
                .contains("Riverside Virtual Care").doesNotContain("loc-riverside-virtual");
        assertThat(RoomPages.provider("", viewer(Locale.ENGLISH), unnamed, "Clinic", "p", "g", java.util.List.of()))
                .contains("loc-riverside-virtual");
    }

    @Test
    void aTeamsVisitsPatientPageTestsDevicesThenOffersTheMeetingWithoutShowingItsJoinUrl() {
        var v = teamsVisit(org.openvisit.visit.domain.model.VisitStatus.SCHEDULED);
        String english = RoomPages.teams("", viewer(Locale.ENGLISH), v, "St. Mary's <Clinic>");
        assertThat(english).contains("id=\"deviceTest\"", "Join the Teams meeting",
                "href=\"/visit/" + v.id() + "/teams\"", "St. Mary&#39;s &lt;Clinic&gt;")
                .doesNotContain("teams.microsoft.com", "meetup-join", "room.js");
        String russian = RoomPages.teams("", viewer(BrowserLanguage.RUSSIAN), v, "Clinic");
        assertThat(russian).contains("Подключиться к встрече Teams").doesNotContain("Join the Teams meeting");
        assertThat(RoomPages.teams("", viewer(BrowserLanguage.SIMPLIFIED_CHINESE), v, "Clinic")).contains("加入 Teams 会议");
        assertThat(RoomPages.teams("", viewer(BrowserLanguage.TRADITIONAL_CHINESE), v, "Clinic")).contains("加入 Teams 會議");
        String ended = RoomPages.teams("", viewer(Locale.ENGLISH),
                teamsVisit(org.openvisit.visit.domain.model.VisitStatus.ENDED), "Clinic");
        assertThat(ended).contains("This visit has ended.").doesNotContain("joinTeams");
    }

    @Test
    void theSmsFormHasALabelledNumberFieldAndALiveRegionAndIsOffOnceTheVisitEnded() {
        var v = visit(org.openvisit.visit.domain.model.VisitStatus.SCHEDULED);
        String form = RoomPages.smsForm("/ctx", viewer(BrowserLanguage.RUSSIAN), v, false);
        assertThat(form).contains("action=\"/ctx/visit/" + v.id() + "/sms\"", "<label for=\"smsNumber\">",
                "id=\"smsNumber\" name=\"number\" type=\"tel\"", "id=\"smsResult\"", "role=\"status\"",
                "aria-live=\"polite\"", "Мобильный номер пациента", "Отправить ссылку пациенту по SMS")
                .doesNotContain("disabled", "Send patient link");
        assertThat(RoomPages.smsForm("/ctx", viewer(Locale.ENGLISH), v, true)).contains(" disabled>");
    }

    @Test
    void everyOutcomeOfASendIsWordsInEveryLanguageNeverACode() {
        for (Locale locale : new Locale[] {Locale.ENGLISH, BrowserLanguage.SIMPLIFIED_CHINESE,
                BrowserLanguage.TRADITIONAL_CHINESE, BrowserLanguage.RUSSIAN}) {
            RoomPages.Viewer t = viewer(locale);
            for (LinkSendResult.Outcome o : LinkSendResult.Outcome.values()) {
                if (o == LinkSendResult.Outcome.INVALID_NUMBER) {
                    for (var reason : org.openvisit.notify.domain.model.InvalidPatientNumberException.Reason.values()) {
                        String words = RoomPages.smsResult(t, new LinkSendResult(o, reason, "US", 0, null, null));
                        assertThat(words).as(locale + " " + reason).isNotBlank().doesNotContain(reason.name(), "{", "''");
                    }
                    continue;
                }
                String words = RoomPages.smsResult(t, new LinkSendResult(o, null, null, 5, null, "+1•••••••0147"));
                assertThat(words).as(locale + " " + o).isNotBlank().doesNotContain(o.name(), "{", "''");
            }
        }
        RoomPages.Viewer en = viewer(Locale.ENGLISH);
        assertThat(RoomPages.smsResult(en, new LinkSendResult(LinkSendResult.Outcome.INVALID_NUMBER,
                org.openvisit.notify.domain.model.InvalidPatientNumberException.Reason.INVALID, "US", 0, null, null)))
                .isEqualTo("This is not a valid phone number in United States. Check it, or type it with its country "
                        + "code (+…).");
        assertThat(RoomPages.smsResult(en, new LinkSendResult(LinkSendResult.Outcome.TOO_MANY, null, null, 5, null,
                null))).contains("5 times");
        assertThat(RoomPages.smsResult(en, new LinkSendResult(LinkSendResult.Outcome.SENT, null, null, 0, null,
                "+1•••••••0147"))).isEqualTo("The patient link was sent by SMS to +1•••••••0147.");
        assertThat(RoomPages.smsResult(viewer(BrowserLanguage.RUSSIAN), new LinkSendResult(
                LinkSendResult.Outcome.INVALID_NUMBER,
                org.openvisit.notify.domain.model.InvalidPatientNumberException.Reason.INVALID, "RU", 0, null, null)))
                .contains("Россия");
    }

    private static org.openvisit.visit.application.VisitView booked(org.openvisit.visit.domain.model.VisitStatus status,
                                                                   java.time.Instant start) {
        return new org.openvisit.visit.application.VisitView(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                java.util.UUID.randomUUID(), org.openvisit.visit.domain.model.VisitKeyKind.APPOINTMENT, null, status,
                null, null, null, java.time.Instant.now(), null, null, java.util.List.of(), start, null, null);
    }

    @Test
    void theVisitPageIsVideoFirstWithLabelledControlsAndDeviceChoicesAndTheRestInASidePanel() {
        var v = visit(org.openvisit.visit.domain.model.VisitStatus.SCHEDULED);
        String page = RoomPages.provider("/ctx", viewer(BrowserLanguage.SIMPLIFIED_CHINESE), v, "Clinic",
                "http://x/join?token=a", "http://x/join?token=b", java.util.List.of());
        assertThat(page.indexOf("id=\"call\"")).as("the call comes first").isLessThan(page.indexOf("<aside"));
        assertThat(page.indexOf("id=\"attendees\"")).as("people in the side panel").isGreaterThan(page.indexOf("<aside"));
        assertThat(page).contains("id=\"controls\" class=\"controls\" role=\"group\" aria-label=\"通话控制\"",
                "<select id=\"callCamera\" data-device-kind=\"videoinput\">", "<label for=\"callMicrophone\">麦克风</label>",
                "data-device-kind=\"audiooutput\"", "id=\"callAnnouncer\"", "aria-live=\"polite\"",
                "aria-label=\"" + viewer(BrowserLanguage.SIMPLIFIED_CHINESE).get("call.selfVideo") + "\"",
                "id=\"patientLink\"", "src=\"/ctx/resources/openvisit/devices.js\"")
                .doesNotContain("id=\"restartVisit\"");
    }

    @Test
    void anEndedVisitOffersToStartAgainAndNoInvitationLinks() {
        var v = visit(org.openvisit.visit.domain.model.VisitStatus.ENDED);
        String page = RoomPages.provider("/ctx", viewer(BrowserLanguage.RUSSIAN), v, "Clinic", "", "", java.util.List.of());
        assertThat(page).contains("id=\"restartVisit\"", "Начать приём снова", "id=\"inviteEnded\"", "id=\"restartResult\"")
                .doesNotContain("id=\"patientLink\"", "id=\"guestLink\"", "id=\"smsForm\"");
    }

    @Test
    void anEarlyPatientSeesTheBookedTimeAndWhenTheLobbyOpensWithoutARoomScript() {
        java.time.Instant start = java.time.Instant.parse("2026-12-05T15:00:00Z");
        var v = booked(org.openvisit.visit.domain.model.VisitStatus.SCHEDULED, start);
        String english = RoomPages.early("/ctx", viewer(Locale.ENGLISH), v, "Clinic", start.minusSeconds(1800), 30);
        assertThat(english).contains("id=\"early\"", "data-opens=\"2026-12-05T14:30:00Z\"", "Your appointment is at ",
                        "3:00", "2:30", "30 minutes before", "id=\"dtStart\"", "lobby-early.js", "device-test-page.js")
                .doesNotContain("room.js");
        assertThat(english.substring(0, english.indexOf("<script"))).doesNotContain("{0}", "{1}");
        String chinese = RoomPages.early("/ctx", viewer(BrowserLanguage.TRADITIONAL_CHINESE), v, "Clinic",
                start.minusSeconds(1800), 30);
        assertThat(chinese).contains("您的預約時間是", "提前 30 分鐘").doesNotContain("Your appointment");
    }
}
