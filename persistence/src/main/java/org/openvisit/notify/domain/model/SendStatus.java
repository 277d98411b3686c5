package org.openvisit.notify.domain.model;

/** Where a scheduled send stands. Only PENDING ones are ever picked up; the others are final. */
public enum SendStatus {
    PENDING,
    SENT,
    /** Not sent on purpose: the appointment was cancelled or moved past it. */
    CANCELLED,
    /** Not sent because it could not be: no consent, no active number, opted out, no number for the patient. */
    SKIPPED
}
