package org.openvisit.notify.application;

import jakarta.ejb.ApplicationException;

/**
 * An SIU message OpenVisit does not take, with the reason in words (it goes to the sender in MSA-3 / ERR, or in the
 * HTTP answer). Nothing of a refused message is stored.
 */
@ApplicationException(rollback = true)
public class FeedRefusal extends RuntimeException {

    /** Why, as counted in the {@code sms_feed_messages} metric. */
    public enum Reason {
        /** Not HL7v2, or HAPI cannot parse it. */
        UNPARSEABLE(true),
        /** HL7v2, but not SIU, or an SIU event OpenVisit does not handle. */
        UNSUPPORTED(true),
        /** No endpoint has this id or sending facility, or its SMS feed is not set up. */
        UNKNOWN_ENDPOINT(true),
        /** The HTTPS feed's signature is missing or wrong. */
        BAD_SIGNATURE(true),
        /** A field OpenVisit needs is missing (control id, appointment id, start). */
        INCOMPLETE(false),
        /**
         * Not stored this time, nothing wrong with the message: the organization's data is being moved to another
         * region, its store is not available, or another node stored a change of the same appointment at that moment.
         * The sender sends it again (HTTPS: 503 with Retry-After).
         */
        TRY_AGAIN(false),
        /** The message has no phone number for the patient. */
        NO_MOBILE(false),
        /** The patient's number is not a valid mobile number. */
        INVALID_NUMBER(false),
        /** The message cannot apply to the appointment as it stands (e.g. moving a cancelled one). */
        NOT_APPLICABLE(false);

        private final boolean reject;

        Reason(boolean reject) {
            this.reject = reject;
        }

        /** AR (the message as such is refused; sending it again will not help) rather than AE. */
        public boolean reject() {
            return reject;
        }
    }

    private final Reason reason;

    public FeedRefusal(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
