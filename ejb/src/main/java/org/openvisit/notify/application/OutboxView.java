package org.openvisit.notify.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A message of the outbox: from, to (masked), body, when; for an outside carrier also its message id and the last
 * delivery status it reported ({@code null} for the built-in carrier, and omitted from JSON then).
 */
public record OutboxView(UUID id, UUID sendId, String from, String toMasked, String body, Instant sentAt,
                         String carrierMessageId, String deliveryStatus, Instant statusAt)
        implements Serializable {
}
