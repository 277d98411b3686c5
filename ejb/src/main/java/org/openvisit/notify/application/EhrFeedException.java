package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.FhirFeedFailure;

import java.time.Duration;
import java.util.Optional;

/**
 * A poll of the EHR's FHIR API failed: what kind of failure (for the back-off and the portal) and what happened in
 * plain words (never a token, a number or a patient's data).
 */
public class EhrFeedException extends RuntimeException {

    private final FhirFeedFailure kind;
    private final Duration retryAfter;

    public EhrFeedException(FhirFeedFailure kind, String message) {
        this(kind, message, null);
    }

    public EhrFeedException(FhirFeedFailure kind, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public FhirFeedFailure kind() {
        return kind;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
