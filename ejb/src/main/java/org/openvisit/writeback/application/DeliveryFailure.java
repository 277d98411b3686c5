package org.openvisit.writeback.application;

import java.time.Duration;
import java.util.Optional;

/**
 * A delivery did not reach the EHR. The message is plain words for the portal (never a token, an
 * assertion or patient data); the kind says what the relay does next.
 */
public class DeliveryFailure extends RuntimeException {

    public enum Kind {
        /** The EHR as a whole is unwell (no answer, refused connection, 5xx, 401 after a fresh token): retry; counts for the circuit. */
        ENDPOINT_DOWN,
        /** The EHR asked to slow down (429): retry after its Retry-After; pauses the endpoint. */
        RATE_LIMITED,
        /** Something passing with this one record (a write conflict that kept coming back): retry; the circuit is not touched. */
        TRY_AGAIN,
        /** Trying again will not help (no references, a 4xx that is not 429): a dead letter for the portal. */
        PERMANENT
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final int status;

    public DeliveryFailure(Kind kind, String message) {
        this(kind, message, null);
    }

    public DeliveryFailure(Kind kind, String message, Duration retryAfter) {
        this(kind, message, retryAfter, 0);
    }

    /** With the HTTP status the EHR (or its token endpoint) answered. */
    public DeliveryFailure(Kind kind, int status, String message) {
        this(kind, message, null, status);
    }

    public DeliveryFailure(Kind kind, String message, Duration retryAfter, int status) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.status = status;
    }

    /** The HTTP status the EHR answered, when the failure is one (0: no answer, or not known). */
    public int status() {
        return status;
    }

    public Kind kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
