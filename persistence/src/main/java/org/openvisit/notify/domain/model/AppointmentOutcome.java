package org.openvisit.notify.domain.model;

/** What applying an SIU message changed, which decides what the patient is sent. */
public enum AppointmentOutcome {
    /** A new appointment: a confirmation, and reminders. */
    BOOKED,
    /** Its time changed: an update, and reminders re-timed. */
    MOVED,
    /** Something else changed (department, number), or nothing: no message. */
    UPDATED,
    /** Cancelled: a cancellation notice; pending reminders are cancelled. */
    CANCELLED,
    /** Deleted or a no-show: pending messages are cancelled, nothing is sent. */
    ENDED
}
