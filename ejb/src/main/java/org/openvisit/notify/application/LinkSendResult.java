package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.InvalidPatientNumberException;
import org.openvisit.visit.application.VisitEventRecorded;

/**
 * What became of a clinician's "Send patient link by SMS": sent (with the visit's {@code SMS_SENT} event and the
 * number masked), or why not. The page shows the outcome in the viewer's words.
 *
 * @param numberProblem what is wrong with the number typed, when the outcome is {@link Outcome#INVALID_NUMBER}
 * @param country       the endpoint's country (ISO 3166 code) numbers without a country code are read in, or null
 * @param limit         the visit's most links by SMS, when the outcome is {@link Outcome#TOO_MANY}
 */
public record LinkSendResult(Outcome outcome, InvalidPatientNumberException.Reason numberProblem, String country,
                             int limit, VisitEventRecorded event, String toMasked) {

    /** Sent, or the reason it was not. */
    public enum Outcome {
        SENT,
        /** The number typed is missing, unreadable, not valid in the endpoint's country or not a mobile number. */
        INVALID_NUMBER,
        /** The endpoint has no SMS settings. */
        NOT_SET_UP,
        /** The organization has not given both SMS consents. */
        NO_CONSENT,
        /** The endpoint has no active sending number. */
        NO_NUMBER,
        /** The patient's number answered STOP. */
        OPTED_OUT,
        /** The visit is over. */
        VISIT_ENDED,
        /** The visit's limit of links by SMS is used up. */
        TOO_MANY,
        /** Links by SMS were sent too fast for this visit; a minute later it works again. */
        TOO_FAST,
        /** The carrier did not take the message (nothing was recorded; trying again may work). */
        CARRIER_FAILED
    }

    static LinkSendResult refused(Outcome outcome) {
        return new LinkSendResult(outcome, null, null, 0, null, null);
    }

    public boolean sent() {
        return outcome == Outcome.SENT;
    }
}
