package org.openvisit.visit.infrastructure.teams;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.graph.AttendanceRecord;
import org.openvisit.ehr.graph.CallRecord;
import org.openvisit.visit.domain.model.AttendeeRole;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class CallRecordQualityTest {

    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final UUID VISIT = UUID.fromString("0a0b0c0d-0000-4000-8000-000000000001");
    private static final String ORGANIZER = "dc17674c-81d9-4adb-bfb2-8f6a442e4623";

    @Test
    void streamsBecomeOneListOfSamplesPerAttendeeNamedAndRoledAsTheirAttendance() {
        CallRecord record = new CallRecord("r1", "https://teams/join", ORGANIZER, List.of(
                new CallRecord.StreamFigures("id:" + ORGANIZER, TENANT, 40.0, 16.0, 1.0, null),
                new CallRecord.StreamFigures("id:8:teamsvisitor:d1f3", null, 300.0, 50.0, 12.0, 15.0),
                new CallRecord.StreamFigures("id:" + ORGANIZER, TENANT, 60.0, null, null, 29.5),
                new CallRecord.StreamFigures("id:nurse", TENANT.toUpperCase(), 20.0, null, null, null),
                new CallRecord.StreamFigures("id:odd", null, 90_000.0, null, null, null))); // out of range: nothing

        List<CallRecordQuality.AttendeeSamples> samples = CallRecordQuality.of(VISIT, TENANT, record);

        assertThat(samples).extracting(CallRecordQuality.AttendeeSamples::role).containsExactly(AttendeeRole.PROVIDER,
                AttendeeRole.PATIENT, AttendeeRole.STAFF);
        assertThat(samples.get(0).samples()).hasSize(2);
        assertThat(samples.get(0).samples().get(1).fps()).isEqualTo(29.5);
        assertThat(samples.get(1).samples().get(0).rttMs()).isEqualTo(300.0);
        assertThat(samples.get(1).samples().get(0).bitrateKbps()).isNull();
        // the same opaque ids as the attendance reports' events of these people in this visit
        Instant t = Instant.parse("2026-12-05T10:00:00Z");
        List<AttendanceEdges.Edge> edges = AttendanceEdges.of(VISIT, TENANT, List.of(
                new AttendanceRecord(ORGANIZER, "Organizer", TENANT, List.of(new AttendanceRecord.Interval(t, null))),
                new AttendanceRecord("8:teamsvisitor:d1f3", "Attendee", null,
                        List.of(new AttendanceRecord.Interval(t.plusSeconds(5), null)))));
        assertThat(samples.get(0).attendeeId()).isEqualTo(edges.get(0).attendeeId());
        assertThat(samples.get(1).attendeeId()).isEqualTo(edges.get(1).attendeeId()).doesNotContain("teamsvisitor");
    }

    @Test
    void theMarkKeyIsOnePerVisitAndCallRecord() {
        assertThat(CallRecordQuality.markKey(VISIT, "r1")).matches("[0-9a-f]{64}")
                .isEqualTo(CallRecordQuality.markKey(VISIT, "r1"))
                .isNotEqualTo(CallRecordQuality.markKey(VISIT, "r2"))
                .isNotEqualTo(CallRecordQuality.markKey(UUID.randomUUID(), "r1"));
    }
}
