package org.openvisit.notify.application;

/**
 * How the feed answered a message: the outcome, the refusal's reason when refused, and the HL7 acknowledgement to
 * send back (AA, or AE/AR with the reason).
 */
public record FeedAnswer(Result result, FeedRefusal.Reason reason, String text, String ack) {

    public enum Result {
        /** Applied. */
        ACCEPTED,
        /** This endpoint's message with this control id was applied before: nothing changed. */
        DUPLICATE,
        /** Understood, but nothing to do (a cancellation of an appointment OpenVisit never heard of). */
        IGNORED,
        REFUSED
    }

    public boolean accepted() {
        return result != Result.REFUSED;
    }
}
