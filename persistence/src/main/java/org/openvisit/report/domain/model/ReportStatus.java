package org.openvisit.report.domain.model;

/**
 * A visit's outcome in the reports (see {@link VisitFigures} for the definitions). {@link #OPEN} until one of the
 * others is known; a no-show may still turn into a completed visit while the visit has not ended (a patient very
 * late, seen after all).
 */
public enum ReportStatus {
    /** Not decided yet: the visit goes on, and its no-show deadline has not passed. */
    OPEN,
    /** A clinician and a patient or guest were in the call at the same time. */
    COMPLETED,
    /** No patient or guest came (lobby or call) by the end of the booked slot plus the grace, or the visit's end. */
    NO_SHOW,
    /** The visit ended, a patient or guest came, but never into the call together with a clinician. */
    ENDED_WITHOUT_PATIENT,
    /**
     * The EHR's appointment feed said the visit's appointment was cancelled, and no clinician and patient were ever in
     * the call together (a cancelled appointment that took place after all stays completed).
     */
    CANCELLED;

    /** The status of a visit whose events say {@code fromEvents}, when its appointment was cancelled or not. */
    public static ReportStatus of(ReportStatus fromEvents, boolean appointmentCancelled) {
        return appointmentCancelled && fromEvents != COMPLETED ? CANCELLED : fromEvents;
    }
}
