package org.openvisit.writeback.infrastructure.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class RecordChangesTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void connectStartsThePlannedEncounterOnceAndEndFinishesIt() {
        Encounter e = new Encounter().setStatus(Encounter.EncounterStatus.PLANNED);
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, T0)).isTrue();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(e.getPeriod().getStart()).isEqualTo(Date.from(T0));
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, T0.plusSeconds(60))).isFalse();
        assertThat(e.getPeriod().getStart()).isEqualTo(Date.from(T0));

        assertThat(RecordChanges.apply(e, VisitEventType.VISIT_ENDED, T0.plusSeconds(900))).isTrue();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(e.getPeriod().getEnd()).isEqualTo(Date.from(T0.plusSeconds(900)));
        // a replay or a late connect never moves it back
        assertThat(RecordChanges.apply(e, VisitEventType.VISIT_ENDED, T0.plusSeconds(999))).isFalse();
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, T0.plusSeconds(999))).isFalse();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(RecordChanges.apply(e, VisitEventType.DISCONNECTED, T0)).isFalse();
    }

    @Test
    void aCancelledEncounterIsLeftAlone() {
        Encounter e = new Encounter().setStatus(Encounter.EncounterStatus.CANCELLED);
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, T0)).isFalse();
        assertThat(RecordChanges.apply(e, VisitEventType.VISIT_ENDED, T0)).isFalse();
        assertThat(e.getPeriod().hasEnd()).isFalse();
    }

    @Test
    void theAppointmentArrivesAndIsFulfilled() {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        assertThat(RecordChanges.apply(a, VisitEventType.LOBBY_JOINED)).isTrue();
        assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.ARRIVED);
        assertThat(RecordChanges.apply(a, VisitEventType.CONNECTED)).isFalse();
        assertThat(RecordChanges.apply(a, VisitEventType.VISIT_ENDED)).isTrue();
        assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        assertThat(RecordChanges.apply(a, VisitEventType.ADMITTED)).isFalse();
        assertThat(new Appointment().setStatus(Appointment.AppointmentStatus.CANCELLED).getStatus())
                .isEqualTo(Appointment.AppointmentStatus.CANCELLED);
        assertThat(RecordChanges.apply(new Appointment().setStatus(Appointment.AppointmentStatus.CANCELLED),
                VisitEventType.VISIT_ENDED)).isFalse();
    }

    @Test
    void theEventTextNamesTheRoleNeverAPerson() {
        assertThat(EventText.of(VisitEventType.CONNECTED, AttendeeRole.PATIENT, 3))
                .isEqualTo("Virtual visit: The patient connected to the video call. (OpenVisit event 3)");
        assertThat(EventText.of(VisitEventType.VISIT_ENDED, null, 9)).contains("The virtual visit ended.");
    }

    @Test
    void readsRetryAfterInSeconds() {
        assertThat(HapiFhirWriteBack.retryAfter(java.util.Map.of("Retry-After", java.util.List.of("7"))))
                .hasSeconds(7);
        assertThat(HapiFhirWriteBack.retryAfter(java.util.Map.of("retry-after", java.util.List.of("soon")))).isNull();
        assertThat(HapiFhirWriteBack.retryAfter(java.util.Map.of())).isNull();
    }
}
