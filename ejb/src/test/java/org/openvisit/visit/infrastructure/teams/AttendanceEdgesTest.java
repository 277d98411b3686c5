package org.openvisit.visit.infrastructure.teams;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.graph.AttendanceRecord;
import org.openvisit.ehr.graph.AttendanceRecord.Interval;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AttendanceEdgesTest {

    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final UUID VISIT = UUID.fromString("0a0b0c0d-0000-4000-8000-000000000001");

    private static final AttendanceRecord ORGANIZER = new AttendanceRecord("dc17674c-81d9-4adb-bfb2-8f6a442e4623",
            "Organizer", TENANT, List.of(new Interval(T0, T0.plusSeconds(600))));
    private static final AttendanceRecord NURSE = new AttendanceRecord("57caaef9-5ed0-48d5-8862-e5abfa71b3e9",
            "Attendee", TENANT.toUpperCase(), List.of(new Interval(T0.plusSeconds(30), null)));
    private static final AttendanceRecord GUEST = new AttendanceRecord("8:teamsvisitor:d1f3", "Attendee", null,
            List.of(new Interval(T0.plusSeconds(60), T0.plusSeconds(300)),
                    new Interval(T0.plusSeconds(300), T0.plusSeconds(540))));

    @Test
    void intervalsBecomeConnectionsAndDisconnectionsInTimeOrderWithRolesByOrganizerAndTenant() {
        List<AttendanceEdges.Edge> edges = AttendanceEdges.of(VISIT, TENANT, List.of(GUEST, NURSE, ORGANIZER));

        assertThat(edges).extracting(AttendanceEdges.Edge::at).containsExactly(T0, T0.plusSeconds(30),
                T0.plusSeconds(60), T0.plusSeconds(300), T0.plusSeconds(300), T0.plusSeconds(540),
                T0.plusSeconds(600));
        assertThat(edges).extracting(AttendanceEdges.Edge::type).containsExactly(VisitEventType.CONNECTED,
                VisitEventType.CONNECTED, VisitEventType.CONNECTED,
                VisitEventType.DISCONNECTED, VisitEventType.CONNECTED, // the guest rejoined at once: leave first
                VisitEventType.DISCONNECTED, VisitEventType.DISCONNECTED);
        assertThat(edges).extracting(AttendanceEdges.Edge::role).containsExactly(AttendeeRole.PROVIDER,
                AttendeeRole.STAFF, AttendeeRole.PATIENT, AttendeeRole.PATIENT, AttendeeRole.PATIENT,
                AttendeeRole.PATIENT, AttendeeRole.PROVIDER);
        assertThat(edges.get(2).attendeeId()).isEqualTo(edges.get(5).attendeeId()).startsWith("teams-").hasSize(30)
                .doesNotContain("teamsvisitor", "d1f3");
        assertThat(edges).extracting(AttendanceEdges.Edge::key).doesNotHaveDuplicates()
                .allMatch(k -> k.matches("[0-9a-f]{64}"));
    }

    @Test
    void theSameIntervalReadAgainOrInTwoReportsHasTheSameKeysAndNoLeaveYetMeansNoDisconnection() {
        List<AttendanceEdges.Edge> first = AttendanceEdges.of(VISIT, TENANT, List.of(NURSE));
        assertThat(first).singleElement().extracting(AttendanceEdges.Edge::type).isEqualTo(VisitEventType.CONNECTED);

        AttendanceRecord nurseLeft = new AttendanceRecord(NURSE.attendeeId(), "Attendee", TENANT,
                List.of(new Interval(T0.plusSeconds(30), T0.plusSeconds(90))));
        List<AttendanceEdges.Edge> later = AttendanceEdges.of(VISIT, TENANT, List.of(nurseLeft, nurseLeft));
        assertThat(later).hasSize(2);
        assertThat(later.get(0).key()).isEqualTo(first.get(0).key());
        assertThat(later.get(1).type()).isEqualTo(VisitEventType.DISCONNECTED);
    }

    @Test
    void attendeeIdsAndKeysDifferBetweenVisitsAndAnonymousRecordsWithoutIdStillGetStableKeys() {
        UUID other = UUID.randomUUID();
        assertThat(AttendanceEdges.of(other, TENANT, List.of(GUEST)).get(0).attendeeId())
                .isNotEqualTo(AttendanceEdges.of(VISIT, TENANT, List.of(GUEST)).get(0).attendeeId());

        AttendanceRecord noId = new AttendanceRecord(null, "Attendee", null,
                List.of(new Interval(T0.plusSeconds(5), null)));
        AttendanceRecord noIdLater = new AttendanceRecord(null, "Attendee", null,
                List.of(new Interval(T0.plusSeconds(5), T0.plusSeconds(50))));
        assertThat(AttendanceEdges.of(VISIT, TENANT, List.of(noId)).get(0).key())
                .isEqualTo(AttendanceEdges.of(VISIT, TENANT, List.of(noIdLater)).get(0).key());
        assertThat(AttendanceEdges.of(VISIT, TENANT, List.of(noId)).get(0).role()).isEqualTo(AttendeeRole.PATIENT);
    }

    @Test
    void aPersonOfAnotherTenantIsNotStaffAndAnEmptyRecordMakesNothing() {
        AttendanceRecord visitor = new AttendanceRecord("x", "Attendee", "99999999-2222-3333-4444-555555555555",
                List.of(new Interval(T0, T0.plusSeconds(1))));
        assertThat(AttendanceEdges.role(visitor, TENANT)).isEqualTo(AttendeeRole.PATIENT);
        assertThat(AttendanceEdges.of(VISIT, TENANT, List.of(new AttendanceRecord("y", "Attendee", TENANT,
                List.of())))).isEmpty();
        AttendanceRecord instant = new AttendanceRecord("z", "Attendee", null, List.of(new Interval(T0, T0)));
        assertThat(AttendanceEdges.of(VISIT, TENANT, List.of(instant))).extracting(AttendanceEdges.Edge::type)
                .containsExactly(VisitEventType.CONNECTED, VisitEventType.DISCONNECTED);
    }
}
