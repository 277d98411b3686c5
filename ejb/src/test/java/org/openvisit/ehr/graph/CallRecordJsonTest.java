package org.openvisit.ehr.graph;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CallRecordJsonTest {

    static Map<String, Object> fixture() throws Exception {
        try (InputStream in = CallRecordJsonTest.class.getResourceAsStream("/graph/callrecord-meeting.json")) {
            return JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static CallRecord read() throws Exception {
        Map<String, Object> json = fixture();
        return CallRecordJson.read(json, CallRecordJson.objects(json.get("sessions")));
    }

    @Test
    void eachStreamsFiguresInMillisecondsAndPercentWithTheParticipantItBelongsTo() throws Exception {
        CallRecord record = read();

        assertThat(record.id()).isEqualTo("e523d2ed-2966-4b6b-925b-754a88034cc5");
        assertThat(record.joinWebUrl()).isEqualTo("https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0");
        assertThat(record.organizerId()).isEqualTo("dc17674c-81d9-4adb-bfb2-8f6a442e4623");
        List<CallRecord.StreamFigures> s = record.streams();
        assertThat(s).hasSize(5); // the stream with only averageAudioDegradation gives no figure
        // the organizer's three streams (both directions to the meeting's server belong to them)
        assertThat(s.subList(0, 3)).allMatch(f -> f.participantKey().equals("id:dc17674c-81d9-4adb-bfb2-8f6a442e4623")
                && "11111111-2222-3333-4444-555555555555".equals(f.tenantId()));
        assertThat(s.get(0).rttMs()).isCloseTo(40.0, within(1e-9));
        assertThat(s.get(0).jitterMs()).isCloseTo(16.0, within(1e-9));
        assertThat(s.get(0).lossPercent()).isCloseTo(1.0, within(1e-9));
        assertThat(s.get(0).fps()).isNull();
        assertThat(s.get(1).jitterMs()).as("averageAudioNetworkJitter when averageJitter is null")
                .isCloseTo(24.0, within(1e-9));
        assertThat(s.get(2).fps()).isEqualTo(29.5);
        assertThat(s.get(2).lossPercent()).as("averageVideoPacketLossRate").isEqualTo(0.0);
        assertThat(s.get(2).rttMs()).as("an unreadable duration is no figure").isNull();
        // the guest: by Teams' guest id, with a duration in minutes
        assertThat(s.get(3).participantKey()).isEqualTo("id:8:teamsvisitor:d1f3");
        assertThat(s.get(3).tenantId()).isNull();
        assertThat(s.get(3).rttMs()).isCloseTo(60_500.0, within(1e-9));
        assertThat(s.get(3).lossPercent()).isCloseTo(12.0, within(1e-9));
        // a phone participant is anonymous per session (the number is never read); a loss rate above 1 is no rate
        assertThat(s.get(4).participantKey()).isEqualTo("anonymous:s-phone");
        assertThat(s.get(4).lossPercent()).isNull();
        assertThat(s.get(4).jitterMs()).isCloseTo(30.0, within(1e-9));
        assertThat(record.toString()).doesNotContain("Abbie", "Jane", "iPhone", "contoso", "5551234567", "10.150");
    }

    @Test
    void oneToOneStreamsBelongToTheirReceiverAndMissingPartsGiveNothing() {
        Map<String, Object> a = Map.of("@odata.type", "#microsoft.graph.callRecords.participantEndpoint",
                "associatedIdentity", Map.of("id", "a-id"));
        Map<String, Object> b = Map.of("@odata.type", "#microsoft.graph.callRecords.participantEndpoint",
                "associatedIdentity", Map.of("id", "b-id", "tenantId", "t"));
        Map<String, Object> session = Map.of("id", "s", "caller", a, "callee", b, "segments", List.of(
                Map.of("id", "g", "media", List.of(Map.of("streams", List.of(
                        Map.of("streamDirection", "callerToCallee", "averageJitter", "PT0.01S"),
                        Map.of("streamDirection", "calleeToCaller", "averageJitter", "PT0.02S"),
                        Map.of("streamDirection", "calleeToCaller"))))),
                Map.of("id", "no media")));

        CallRecord record = CallRecordJson.read(Map.of("id", "r"), List.of(session));

        assertThat(record.joinWebUrl()).isNull();
        assertThat(record.organizerId()).isNull();
        assertThat(record.streams()).extracting(CallRecord.StreamFigures::participantKey).containsExactly("id:b-id",
                "id:a-id");
        assertThat(CallRecordJson.read(Map.of("id", "empty"), List.of()).streams()).isEmpty();
    }

    @Test
    void isoDurationsOfGraph() {
        assertThat(CallRecordJson.millis("PT0.016S")).isCloseTo(16.0, within(1e-9));
        assertThat(CallRecordJson.millis("PT1S")).isEqualTo(1000.0);
        assertThat(CallRecordJson.millis("PT0S")).isEqualTo(0.0);
        assertThat(CallRecordJson.millis("P0D")).isEqualTo(0.0);
        assertThat(CallRecordJson.millis("PT1M2.5S")).isEqualTo(62_500.0);
        assertThat(CallRecordJson.millis("-PT1S")).isNull();
        assertThat(CallRecordJson.millis("16 ms")).isNull();
        assertThat(CallRecordJson.millis(0.016)).isNull();
        assertThat(CallRecordJson.millis(null)).isNull();
        assertThat(CallRecordJson.percent(0.5)).isEqualTo(50.0);
        assertThat(CallRecordJson.percent(-0.1)).isNull();
        assertThat(CallRecordJson.number(Double.NaN)).isNull();
    }
}
