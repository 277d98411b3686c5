package org.openvisit.visit.application;

/** A join link that does not let anyone in: forged, expired, malformed, or for a visit that is over. */
public class InvalidJoinLinkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reasonCode;

    public InvalidJoinLinkException(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    /** A stable code for logs and tests (EXPIRED, BAD_SIGNATURE, MALFORMED, WRONG_AUDIENCE ...). */
    public String reasonCode() {
        return reasonCode;
    }
}
