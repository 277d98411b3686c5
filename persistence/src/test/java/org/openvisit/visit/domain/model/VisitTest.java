package org.openvisit.visit.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisitTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final AppointmentHash HASH = new AppointmentHash("a".repeat(64));

    private static Visit visit() {
        return Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), org.openvisit.tenant.domain.model.DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, HASH, " ", T0);
    }

    @Test
    void startsScheduledWithoutDepartmentWhenBlank() {
        Visit v = visit();
        assertThat(v.status()).isEqualTo(VisitStatus.SCHEDULED);
        assertThat(v.departmentId()).isEmpty();
        assertThat(v.meeting()).isEmpty();
    }

    @Test
    void theDepartmentsNameFromTheEhrIsKeptPrintableAndShortAndOnlyWithADepartment() {
        assertThat(visit().nameDepartment("Cardiology")).as("no department, no name").isFalse();
        Visit v = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), org.openvisit.tenant.domain.model.DataRegion.AMERICAS,
                VisitKeyKind.APPOINTMENT, HASH, "loc-riverside-virtual", T0);
        assertThat(v.departmentName()).isEmpty();
        assertThat(v.nameDepartment("  ")).isFalse();
        assertThat(v.nameDepartment(" Riverside\nVirtual Care ")).isTrue();
        assertThat(v.departmentName()).contains("Riverside Virtual Care");
        assertThat(v.nameDepartment("Riverside Virtual Care")).as("the same name").isFalse();
        v.nameDepartment("病".repeat(150));
        assertThat(v.departmentName().orElseThrow()).hasSize(Visit.MAX_DEPARTMENT_NAME);
    }

    @Test
    void scheduledToInProgressToEnded() {
        Visit v = visit();
        v.start(T0.plusSeconds(1));
        assertThatThrownBy(() -> v.start(T0.plusSeconds(2))).isInstanceOf(IllegalVisitTransitionException.class)
                .hasMessageContaining("IN_PROGRESS");
        v.end(T0.plusSeconds(3));
        assertThat(v.status()).isEqualTo(VisitStatus.ENDED);
        assertThatThrownBy(() -> v.end(T0.plusSeconds(4))).isInstanceOf(IllegalVisitTransitionException.class);
        assertThatThrownBy(() -> v.start(T0.plusSeconds(4))).isInstanceOf(IllegalVisitTransitionException.class);
    }

    @Test
    void aScheduledVisitCanEndWithoutStarting() {
        Visit v = visit();
        v.end(T0.plusSeconds(1));
        assertThat(v.startedAt()).isEmpty();
        assertThat(v.endedAt()).contains(T0.plusSeconds(1));
    }

    @Test
    void theMeetingIsAttachedOnce() {
        Visit v = visit();
        MeetingRef m = new MeetingRef("builtin-rooms", "room-1");
        v.attachMeeting(m);
        v.attachMeeting(m);
        assertThat(v.meeting()).contains(m);
        assertThatThrownBy(() -> v.attachMeeting(new MeetingRef("builtin-rooms", "room-2")))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysAreHashedWithTheirKindAndNeverPrinted() {
        VisitKey a = VisitKey.appointment(" Appointment/123 ");
        assertThat(a.hashInput()).isEqualTo("appointment:Appointment/123");
        assertThat(VisitKey.conference("conf-9").hashInput()).isEqualTo("conference:conf-9");
        assertThat(a.toString()).doesNotContain("123");
        assertThatThrownBy(() -> VisitKey.appointment(" ")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new AppointmentHash("Appointment/123")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void aParticipantNeedsAnEhrUser() {
        Visit v = visit();
        assertThatThrownBy(() -> v.participant(" ", ParticipantRole.PROVIDER, T0)).isInstanceOf(InvalidValueException.class);
        assertThat(v.participant(" Practitioner/1 ", ParticipantRole.PROVIDER, T0).ehrUserId()).isEqualTo("Practitioner/1");
    }

    @Test
    void theBookedTimeIsTakenOnceAndOnlyWhenItMakesSense() {
        Visit v = visit();
        assertThat(v.appointmentStart()).isEmpty();
        assertThat(v.bookedFor(null, T0)).isFalse();
        assertThat(v.bookedFor(T0, T0.minusSeconds(60))).as("an end before the start").isFalse();
        assertThat(v.appointmentStart()).isEmpty();

        assertThat(v.bookedFor(T0, T0.plusSeconds(1800))).isTrue();
        assertThat(v.bookedFor(T0.plusSeconds(3600), null)).as("the first launch's reading stays").isFalse();
        assertThat(v.appointmentStart()).contains(T0);
        assertThat(v.appointmentEnd()).contains(T0.plusSeconds(1800));
    }
}
