package org.openvisit.notify.domain.model;

/** A patient's phone number from the EHR that is missing, unreadable, invalid or not a mobile number. */
public class InvalidPatientNumberException extends RuntimeException {

    /** What is wrong with the number, for words in the viewer's language. */
    public enum Reason { MISSING, UNREADABLE, INVALID, NOT_MOBILE }

    private final Reason reason;

    public InvalidPatientNumberException(String message) {
        this(Reason.INVALID, message);
    }

    public InvalidPatientNumberException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
