package org.openvisit.visit.domain.model;

/**
 * What happened in a visit, as written back to the EHR and shown on the provider page. The visit's
 * own status follows some of them: the first {@link #CONNECTED} starts it, {@link #VISIT_ENDED} ends it,
 * {@link #VISIT_RESTARTED} opens an ended one again.
 */
public enum VisitEventType {
    /** A patient or guest opened their join link and waits in the lobby. */
    LOBBY_JOINED,
    /** A clinician let a waiting patient or guest into the call. */
    ADMITTED,
    /** Someone's media connection to the call is up. */
    CONNECTED,
    /** Someone's connection went away (closed tab, lost network, heartbeat timeout). */
    DISCONNECTED,
    /** Someone left the call on purpose. */
    LEFT,
    /** A clinician removed a patient or guest from the visit. */
    REMOVED,
    /** A patient's or guest's device test finished; the detail says what worked. */
    DEVICE_TEST,
    /** The visit is over: no one can join any more. */
    VISIT_ENDED,
    /** A clinician sent the patient's join link by SMS (the number is never part of the event). */
    SMS_SENT,
    /**
     * A clinician started an ended visit again (launched its appointment once more and chose to): the visit is open
     * again, its events go on numbered after the end.
     */
    VISIT_RESTARTED
}
