package org.openvisit.writeback.infrastructure.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallPeriod;
import org.openvisit.visit.domain.model.VisitEventType;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a visit event changes in the EHR's Encounter or Appointment. Only forward: a replayed or late event
 * never moves a record back (a finished Encounter stays finished, a fulfilled Appointment fulfilled), so
 * writing it twice changes nothing the second time.
 * <ul>
 * <li>Encounter: {@code in-progress} with {@code period.start} = the real start of the call (clinician and
 *     patient first connected together; the planned slot is replaced, its planned end removed while the call
 *     goes on), then {@code finished} with {@code period.end} = when the last person left or the visit ended
 *     with people still in the call. A visit whose clinician and patient were never connected together leaves
 *     the Encounter as it was: whether it was a no-show or cancelled is the clinic's call, not OpenVisit's.</li>
 * <li>Appointment (only when the EHR gave no Encounter): {@code arrived} when the patient reaches the lobby or
 *     the call (FHIR R4: "the patient has arrived and is waiting"), {@code fulfilled} when the visit ends after a
 *     call took place.</li>
 * </ul>
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

    /** Whether the event may touch an Encounter at all (a connection and the visit's end may). */
    static boolean touchesEncounter(VisitEventType type) {
        return type == VisitEventType.CONNECTED || type == VisitEventType.VISIT_ENDED;
    }

    /** Whether the event may touch an Appointment at all (the patient's arrival and the visit's end may). */
    static boolean touchesAppointment(VisitEventType type, AttendeeRole role) {
        return type == VisitEventType.VISIT_ENDED || arrival(type, role);
    }

    private static boolean arrival(VisitEventType type, AttendeeRole role) {
        return role == AttendeeRole.PATIENT && (type == VisitEventType.LOBBY_JOINED
                || type == VisitEventType.ADMITTED || type == VisitEventType.CONNECTED);
    }

    /** Applies the event; true when the Encounter changed and must be written. */
    static boolean apply(Encounter e, VisitEventType type, CallPeriod call) {
        if (!call.started() || !touchesEncounter(type)) {
            return false;
        }
        Encounter.EncounterStatus status = e.getStatus();
        boolean changed = false;
        if (type == VisitEventType.CONNECTED) {
            if (status == null || NOT_STARTED.contains(status)) {
                e.setStatus(Encounter.EncounterStatus.INPROGRESS);
                changed = true;
            }
            if (e.getStatus() == Encounter.EncounterStatus.INPROGRESS) {
                changed |= setStart(e, call);
                if (e.getPeriod().hasEnd() && changed) {
                    e.getPeriod().setEndElement(null); // the planned end: the call is going on
                }
            }
            return changed;
        }
        if (call.end() == null || !(status == null || NOT_ENDED.contains(status))) {
            return false;
        }
        e.setStatus(Encounter.EncounterStatus.FINISHED);
        setStart(e, call);
        e.getPeriod().setEndElement(FhirTimes.of(call.end()));
        return true;
    }

    private static boolean setStart(Encounter e, CallPeriod call) {
        if (FhirTimes.same(e.getPeriod().getStartElement(), call.start())) {
            return false;
        }
        e.getPeriod().setStartElement(FhirTimes.of(call.start()));
        return true;
    }

    /** Applies the event; true when the Appointment changed and must be written. */
    static boolean apply(Appointment a, VisitEventType type, AttendeeRole role, CallPeriod call) {
        Appointment.AppointmentStatus status = a.getStatus();
        if (type == VisitEventType.VISIT_ENDED) {
            if (call.started() && (status == null || BEFORE_FULFILLED.contains(status))) {
                a.setStatus(Appointment.AppointmentStatus.FULFILLED);
                return true;
            }
            return false;
        }
        if (arrival(type, role) && (status == null || BEFORE_ARRIVAL.contains(status))) {
            a.setStatus(Appointment.AppointmentStatus.ARRIVED);
            return true;
        }
        return false;
    }
}
