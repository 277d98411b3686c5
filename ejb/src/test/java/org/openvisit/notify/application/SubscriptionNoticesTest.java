package org.openvisit.notify.application;

import ca.uhn.fhir.context.FhirContext;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.fhir.FhirClients;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading rest-hook notifications (Backport IG R4 shape), including hostile and malformed bodies. */
class SubscriptionNoticesTest {

    private static final FhirContext FHIR = FhirClients.newContext();
    private static final String BASE = "https://ehr.example.org/fhir";

    static String status(String type, String since, String events) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"subscription\",\"valueReference\":{\"reference\":\"" + BASE + "/Subscription/sub-1\"}},"
                + "{\"name\":\"topic\",\"valueCanonical\":\"https://ehr.example.org/topics/appointment\"},"
                + "{\"name\":\"status\",\"valueCode\":\"active\"},"
                + "{\"name\":\"type\",\"valueCode\":\"" + type + "\"},"
                + "{\"name\":\"events-since-subscription-start\",\"valueString\":\"" + since + "\"}"
                + events + "]}";
    }

    static String event(String number, String focus) {
        return ",{\"name\":\"notification-event\",\"part\":[{\"name\":\"event-number\",\"valueString\":\"" + number
                + "\"},{\"name\":\"timestamp\",\"valueInstant\":\"2027-03-09T10:00:00Z\"}"
                + (focus == null ? "" : ",{\"name\":\"focus\",\"valueReference\":{\"reference\":\"" + focus + "\"}}")
                + "]}";
    }

    static byte[] bundle(String type, String first) {
        return ("{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"timestamp\":\"2027-03-09T10:00:00Z\","
                + "\"entry\":[{\"fullUrl\":\"urn:uuid:9bb1a2b4-1f6c-4b52-8d7c-3d0b7f0f2a11\",\"resource\":" + first
                + "}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static SubscriptionNotice read(byte[] body) {
        return SubscriptionNotices.read(FHIR, body, BASE);
    }

    private static NoticeRefusal.Reason refusal(byte[] body) {
        try {
            read(body);
        } catch (NoticeRefusal r) {
            assertThat(r.getMessage()).isNotBlank();
            return r.reason();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void anIdOnlyEventNotificationNamesItsAppointments() {
        SubscriptionNotice n = read(bundle("history", status("event-notification", "3",
                event("2", "Appointment/apt-1") + event("3", BASE + "/Appointment/apt-2/_history/4")
                        + event("3", "Appointment/apt-1"))));
        assertThat(n.kind()).isEqualTo(SubscriptionNotice.Kind.EVENT_NOTIFICATION);
        assertThat(n.status()).isEqualTo("active");
        assertThat(n.subscriptionId()).contains("sub-1");
        assertThat(n.eventsSinceStart()).isEqualTo(3);
        assertThat(n.eventNumbers()).containsExactly(2L, 3L, 3L);
        assertThat(n.appointmentIds()).containsExactly("apt-1", "apt-2");
        assertThat(n.inError()).isFalse();
    }

    @Test
    void handshakeAndHeartbeatCarryNoEvents() {
        SubscriptionNotice handshake = read(bundle("history", status("handshake", "0", "")));
        assertThat(handshake.kind()).isEqualTo(SubscriptionNotice.Kind.HANDSHAKE);
        assertThat(handshake.eventNumbers()).isEmpty();
        SubscriptionNotice heartbeat = read(bundle("history", status("heartbeat", "7", "")));
        assertThat(heartbeat.kind()).isEqualTo(SubscriptionNotice.Kind.HEARTBEAT);
        assertThat(heartbeat.eventsSinceStart()).isEqualTo(7);
    }

    @Test
    void focusElsewhereOrOfAnotherTypeIsLeftOut() {
        SubscriptionNotice n = read(bundle("history", status("event-notification", "4",
                event("1", "https://evil.example.org/fhir/Appointment/apt-9") + event("2", "Patient/pat-1")
                        + event("3", "Appointment/../../etc") + event("4", null))));
        assertThat(n.appointmentIds()).isEmpty();
        assertThat(n.eventNumbers()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void anErrorStatusIsSeen() {
        SubscriptionNotice n = read(bundle("history", status("heartbeat", "2", "").replace("\"active\"",
                "\"error\"")));
        assertThat(n.inError()).isTrue();
    }

    @Test
    void hostileAndMalformedBodiesAreRefusedInWords() {
        assertThat(refusal(new byte[0])).isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
        assertThat(refusal("not json at all".getBytes(StandardCharsets.UTF_8))).isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
        assertThat(refusal("{\"resourceType\":\"Bundle\",\"type\":".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
        assertThat(refusal("[1,2,3]".getBytes(StandardCharsets.UTF_8))).isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
        assertThat(refusal("{\"resourceType\":\"Patient\",\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
        assertThat(refusal("{\"resourceType\":\"NoSuchType\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
        assertThat(refusal(("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"history\"/></Bundle>")
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
        assertThat(refusal(bundle("searchset", status("heartbeat", "1", ""))))
                .isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
        assertThat(refusal(bundle("history", "{\"resourceType\":\"Appointment\",\"status\":\"booked\"}")))
                .isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
        assertThat(refusal(bundle("history", status("gossip", "1", ""))))
                .isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
        assertThat(refusal(bundle("history", status("heartbeat", "-3", ""))))
                .isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
        assertThat(refusal(bundle("history", status("heartbeat", "99999999999999999999999", ""))))
                .isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
        assertThat(refusal(bundle("history", status("event-notification", "1", event("zero", "Appointment/a")))))
                .isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
        assertThat(refusal(bundle("history", status("event-notification", "1",
                ",{\"name\":\"notification-event\",\"part\":[{\"name\":\"focus\",\"valueReference\":{\"reference\":"
                        + "\"Appointment/a\"}}]}")))).isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
        assertThat(refusal("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"entry\":[]}"
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(NoticeRefusal.Reason.NOT_A_NOTIFICATION);
    }

    @Test
    void tooLargeOrTooManyEventsAreRefused() {
        byte[] huge = new byte[SubscriptionNotices.MAX_BYTES + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        assertThat(refusal(huge)).isEqualTo(NoticeRefusal.Reason.TOO_LARGE);
        StringBuilder events = new StringBuilder();
        for (int i = 1; i <= SubscriptionNotices.MAX_EVENTS + 1; i++) {
            events.append(",{\"name\":\"notification-event\",\"part\":[{\"name\":\"event-number\",\"valueString\":\"")
                    .append(i).append("\"}]}");
        }
        assertThat(refusal(bundle("history", status("event-notification", "600", events.toString()))))
                .isEqualTo(NoticeRefusal.Reason.TOO_LARGE);
    }

    @Test
    void deeplyNestedJsonDoesNotBreakTheReader() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertThat(refusal(("{\"resourceType\":\"Bundle\",\"type\":\"history\",\"x\":" + deep + "}")
                .getBytes(StandardCharsets.UTF_8))).isEqualTo(NoticeRefusal.Reason.NOT_FHIR);
    }

    @Test
    void appointmentReferencesInTheFormsEhrsWrite() {
        assertThat(SubscriptionNotices.appointmentId("Appointment/123", BASE)).contains("123");
        assertThat(SubscriptionNotices.appointmentId("Appointment/123/_history/2", BASE)).contains("123");
        assertThat(SubscriptionNotices.appointmentId(BASE + "/Appointment/a.b-c", BASE)).contains("a.b-c");
        for (String bad : List.of("", "Appointment", "Appointment/", "Appointment/1/2", "Encounter/1",
                "https://ehr.example.org/fhirx/Appointment/1", "Appointment/" + "x".repeat(65), "Appointment/a b")) {
            assertThat(SubscriptionNotices.appointmentId(bad, BASE)).as(bad).isEmpty();
        }
    }
}
