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
    ENDED_WITHOUT_PATIENT
}
