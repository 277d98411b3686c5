package org.openvisit.notify.domain.model;

/** Where an appointment the EHR's feed announced stands. */
public enum AppointmentStatus {
    /** Booked (SIU S12) and not moved since. */
    BOOKED,
    /** Booked, then moved to another time (S13). */
    MOVED,
    /** Cancelled (S15): the patient is told once; nothing else is sent. */
    CANCELLED,
    /** Deleted in the EHR (S17, usually an appointment booked by mistake): nothing more is sent. */
    DELETED,
    /** The patient did not come (S26). */
    NO_SHOW;

    /** Still on: reminders go out. */
    public boolean isOn() {
        return this == BOOKED || this == MOVED;
    }
}
