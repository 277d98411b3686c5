package org.openvisit.writeback.infrastructure.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Period;
import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallPeriod;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class RecordChangesTest {

    private static final Instant SLOT = Instant.parse("2026-11-23T10:00:00Z");
    private static final Instant CALL_START = Instant.parse("2026-11-23T10:04:07.123Z");
    private static final Instant CALL_END = Instant.parse("2026-11-23T10:19:58.456Z");
    private static final CallPeriod STARTED = new CallPeriod(CALL_START, null);
    private static final CallPeriod ENDED = new CallPeriod(CALL_START, CALL_END);

    private static Encounter planned() {
        return new Encounter().setStatus(Encounter.EncounterStatus.PLANNED)
                .setPeriod(new Period().setStart(Date.from(SLOT)).setEnd(Date.from(SLOT.plusSeconds(1800))));
    }

    @Test
    void theRealCallReplacesThePlannedSlotToTheMillisecond() {
        Encounter e = planned();
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, STARTED)).isTrue();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(e.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-11-23T10:04:07.123Z");
        assertThat(e.getPeriod().hasEnd()).as("the planned end is gone while the call goes on").isFalse();
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, STARTED)).as("a replay changes nothing").isFalse();

        assertThat(RecordChanges.apply(e, VisitEventType.VISIT_ENDED, ENDED)).isTrue();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(e.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-11-23T10:04:07.123Z");
        assertThat(e.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-11-23T10:19:58.456Z");
        // a replay or a late connect never moves it back
        assertThat(RecordChanges.apply(e, VisitEventType.VISIT_ENDED, ENDED)).isFalse();
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, STARTED)).isFalse();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(RecordChanges.apply(e, VisitEventType.DISCONNECTED, ENDED)).isFalse();
    }

    @Test
    void aClinicianWaitingAloneDoesNotStartTheEncounterAndAVisitWithoutACallLeavesItAlone() {
        Encounter e = planned();
        assertThat(RecordChanges.apply(e, VisitEventType.CONNECTED, CallPeriod.NONE)).isFalse();
        assertThat(RecordChanges.apply(e, VisitEventType.VISIT_ENDED, CallPeriod.NONE)).isFalse();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.PLANNED);
        assertThat(e.getPeriod().getStart()).isEqualTo(Date.from(SLOT));
    }

    @Test
    void anEndWhoseStartWasNeverWrittenWritesBoth() {
        Encounter e = planned();
        assertThat(RecordChanges.apply(e, VisitEventType.VISIT_ENDED, ENDED)).isTrue();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(e.getPeriod().getStart()).isEqualTo(Date.from(CALL_START));
        assertThat(e.getPeriod().getEnd()).isEqualTo(Date.from(CALL_END));
    }

    @Test
    void aCancelledOrAlreadyFinishedEncounterIsLeftAlone() {
        Encounter cancelled = new Encounter().setStatus(Encounter.EncounterStatus.CANCELLED);
        assertThat(RecordChanges.apply(cancelled, VisitEventType.CONNECTED, STARTED)).isFalse();
        assertThat(RecordChanges.apply(cancelled, VisitEventType.VISIT_ENDED, ENDED)).isFalse();
        assertThat(cancelled.getPeriod().hasEnd()).isFalse();
        Encounter finishedInTheEhr = planned().setStatus(Encounter.EncounterStatus.FINISHED);
        assertThat(RecordChanges.apply(finishedInTheEhr, VisitEventType.VISIT_ENDED, ENDED)).isFalse();
        assertThat(finishedInTheEhr.getPeriod().getStart()).isEqualTo(Date.from(SLOT));
    }

    @Test
    void theAppointmentArrivesWithThePatientAndIsFulfilledAfterACall() {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
        assertThat(RecordChanges.touchesAppointment(VisitEventType.CONNECTED, AttendeeRole.PROVIDER)).isFalse();
        assertThat(RecordChanges.apply(a, VisitEventType.CONNECTED, AttendeeRole.PROVIDER, CallPeriod.NONE))
                .as("the clinician's arrival is not the patient's").isFalse();
        assertThat(RecordChanges.apply(a, VisitEventType.LOBBY_JOINED, AttendeeRole.GUEST, CallPeriod.NONE)).isFalse();
        assertThat(RecordChanges.apply(a, VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, CallPeriod.NONE)).isTrue();
        assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.ARRIVED);
        assertThat(RecordChanges.apply(a, VisitEventType.CONNECTED, AttendeeRole.PATIENT, STARTED)).isFalse();
        assertThat(RecordChanges.apply(a, VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, ENDED)).isTrue();
        assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        assertThat(RecordChanges.apply(a, VisitEventType.ADMITTED, AttendeeRole.PATIENT, ENDED)).isFalse();
        assertThat(RecordChanges.apply(new Appointment().setStatus(Appointment.AppointmentStatus.CANCELLED),
                VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, ENDED)).isFalse();
    }

    @Test
    void anAppointmentWhosePatientNeverMetTheClinicianIsNotFulfilled() {
        Appointment a = new Appointment().setStatus(Appointment.AppointmentStatus.ARRIVED);
        assertThat(RecordChanges.apply(a, VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, CallPeriod.NONE)).isFalse();
        assertThat(a.getStatus()).isEqualTo(Appointment.AppointmentStatus.ARRIVED);
    }

    @Test
    void twoEventsInTheSameSecondKeepTheirOrderInTheTimesWritten() {
        String first = FhirTimes.of(Instant.parse("2026-11-23T10:00:00.100Z")).getValueAsString();
        String second = FhirTimes.of(Instant.parse("2026-11-23T10:00:00.900Z")).getValueAsString();
        assertThat(first).isEqualTo("2026-11-23T10:00:00.100Z");
        assertThat(second).isEqualTo("2026-11-23T10:00:00.900Z");
        assertThat(first.compareTo(second)).isNegative();
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
