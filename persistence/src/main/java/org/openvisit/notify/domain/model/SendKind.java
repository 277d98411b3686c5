package org.openvisit.notify.domain.model;

/** Which message a scheduled send is. */
public enum SendKind {
    /** The appointment is booked. */
    CONFIRMATION,
    /** The appointment moved to another time. */
    UPDATE,
    /** The appointment is cancelled. */
    CANCELLATION,
    /** The appointment is near (its slot: minutes before the start). */
    REMINDER
}
