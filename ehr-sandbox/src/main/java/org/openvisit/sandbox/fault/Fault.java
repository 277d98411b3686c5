package org.openvisit.sandbox.fault;

import java.time.Duration;
import java.time.Instant;

/**
 * A fault the FHIR API shows until {@code until} (null: until cleared) or for the next {@code count}
 * requests (null: no limit), whichever ends first.
 *
 * @param retryAfter for {@link Mode#RATE_LIMITED}: the Retry-After the 429 carries
 * @param hang       for {@link Mode#HANG}: how long each request is held before it is answered normally
 * @param rate       the share of requests spoiled, at random (1: all of them; 0.3: about 30 %)
 */
public record Fault(Mode mode, Instant until, Integer count, Duration retryAfter, Duration hang, double rate) {

    public Fault(Mode mode, Instant until, Integer count, Duration retryAfter, Duration hang) {
        this(mode, until, count, retryAfter, hang, 1.0);
    }

    public enum Mode {
        /** 500 Internal Server Error with an OperationOutcome. */
        ERROR,
        /** 429 Too Many Requests with Retry-After. */
        RATE_LIMITED,
        /** The request is held for {@code hang}, then answered as usual. */
        HANG,
        /** 503 Service Unavailable, as a server that is down behind its load balancer. */
        DOWN,
        /**
         * Someone else edits the record just before each update that carries {@code If-Match}, so the update meets
         * a real version conflict (answered 412 or 409, see the FHIR behaviour); other requests are not touched.
         * {@code count} counts those updates.
         */
        CONCURRENT_EDIT
    }

    public Fault {
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
        hang = hang == null ? Duration.ofSeconds(30) : hang;
        if (!(rate > 0 && rate <= 1)) {
            throw new IllegalArgumentException("rate must be more than 0 and at most 1");
        }
    }
}
