package org.openvisit.notify.application;

import jakarta.ejb.ApplicationException;

/**
 * A Subscription notification OpenVisit does not take, why (the HTTP status follows from the reason) and in what
 * words (for the EHR's operators: never a secret, a patient or an appointment).
 */
@ApplicationException(rollback = true)
public class NoticeRefusal extends RuntimeException {

    /** Why a notification was refused. */
    public enum Reason {
        /** No Subscription has this receiver address (404). */
        UNKNOWN_SUBSCRIPTION,
        /** The secret header is missing or wrong (401). */
        BAD_SECRET,
        /** Larger than OpenVisit takes (413). */
        TOO_LARGE,
        /** Not JSON FHIR, or not a Bundle (415 for the media type, else 400). */
        NOT_FHIR,
        /** A Bundle, but not a notification: wrong type, no SubscriptionStatus, bad numbers (422). */
        NOT_A_NOTIFICATION,
        /** The notification names another Subscription than the one at this address (422). */
        OTHER_SUBSCRIPTION,
        /** Too many notifications at once to this address (429). */
        FLOOD
    }

    private final Reason reason;

    public NoticeRefusal(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
