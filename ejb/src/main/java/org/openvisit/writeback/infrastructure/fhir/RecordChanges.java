package org.openvisit.writeback.infrastructure.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a visit event changes in the EHR's Encounter or Appointment. Only forward: a replayed or late
 * event never moves a record back (a finished Encounter stays finished), so writing it twice changes
 * nothing the second time.
 */
final class RecordChanges {

    private static final Set<Encounter.EncounterStatus> NOT_STARTED = EnumSet.of(Encounter.EncounterStatus.PLANNED,
            Encounter.EncounterStatus.ARRIVED, Encounter.EncounterStatus.TRIAGED, Encounter.EncounterStatus.ONLEAVE);
    private static final Set<Encounter.EncounterStatus> NOT_ENDED = EnumSet.of(Encounter.EncounterStatus.PLANNED,
            Encounter.EncounterStatus.ARRIVED, Encounter.EncounterStatus.TRIAGED, Encounter.EncounterStatus.ONLEAVE,
            Encounter.EncounterStatus.INPROGRESS);
    private static final Set<Appointment.AppointmentStatus> BEFORE_ARRIVAL = EnumSet.of(
            Appointment.AppointmentStatus.PROPOSED, Appointment.AppointmentStatus.PENDING,
            Appointment.AppointmentStatus.BOOKED);
    private static final Set<Appointment.AppointmentStatus> BEFORE_FULFILLED = EnumSet.of(
            Appointment.AppointmentStatus.PROPOSED, Appointment.AppointmentStatus.PENDING,
            Appointment.AppointmentStatus.BOOKED, Appointment.AppointmentStatus.ARRIVED,
            Appointment.AppointmentStatus.CHECKEDIN);

    private RecordChanges() {
    }

    /** Whether the event touches an Encounter at all (connect and end do). */
    static boolean touchesEncounter(VisitEventType type) {
        return type == VisitEventType.CONNECTED || type == VisitEventType.VISIT_ENDED;
    }

    /** Whether the event touches an Appointment at all (arrival and end do). */
    static boolean touchesAppointment(VisitEventType type) {
        return type == VisitEventType.LOBBY_JOINED || type == VisitEventType.ADMITTED
                || type == VisitEventType.CONNECTED || type == VisitEventType.VISIT_ENDED;
    }

    /** Applies the event; true when the Encounter changed and must be written. */
    static boolean apply(Encounter e, VisitEventType type, Instant at) {
        boolean changed = false;
        Encounter.EncounterStatus status = e.getStatus();
        if (type == VisitEventType.CONNECTED) {
            if (status == null || NOT_STARTED.contains(status)) {
                e.setStatus(Encounter.EncounterStatus.INPROGRESS);
                changed = true;
            }
            if (!e.getPeriod().hasStart() && (status == null || NOT_ENDED.contains(status))) {
                e.getPeriod().setStart(Date.from(at));
                changed = true;
            }
        } else if (type == VisitEventType.VISIT_ENDED) {
            if (status == null || NOT_ENDED.contains(status)) {
                e.setStatus(Encounter.EncounterStatus.FINISHED);
                changed = true;
            }
            if (!e.getPeriod().hasEnd() && e.getStatus() == Encounter.EncounterStatus.FINISHED) {
                e.getPeriod().setEnd(Date.from(at));
                changed = true;
            }
        }
        return changed;
    }

    /** Applies the event; true when the Appointment changed and must be written. */
    static boolean apply(Appointment a, VisitEventType type) {
        Appointment.AppointmentStatus status = a.getStatus();
        if (type == VisitEventType.VISIT_ENDED && (status == null || BEFORE_FULFILLED.contains(status))) {
            a.setStatus(Appointment.AppointmentStatus.FULFILLED);
            return true;
        }
        if (type != VisitEventType.VISIT_ENDED && touchesAppointment(type)
                && (status == null || BEFORE_ARRIVAL.contains(status))) {
            a.setStatus(Appointment.AppointmentStatus.ARRIVED);
            return true;
        }
        return false;
    }
}
