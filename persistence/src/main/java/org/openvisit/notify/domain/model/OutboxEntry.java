package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A message handed to the carrier: from the organization's number to the patient's, kept only masked
 * ({@code +1•••••••4567}); the body carries no clinical information. The built-in carrier never lets it leave the
 * machine; an outside carrier gives its message id, and its delivery-status callbacks move {@code deliveryStatus}
 * (e.g. {@code queued}, {@code delivered}, {@code failed}; {@code null} for the built-in carrier).
 */
public record OutboxEntry(UUID id, UUID organizationId, UUID sendId, String from, String toMasked, String body,
                          Instant sentAt, String carrierMessageId, String deliveryStatus, Instant statusAt) {

    public OutboxEntry(UUID id, UUID organizationId, UUID sendId, String from, String toMasked, String body,
                       Instant sentAt) {
        this(id, organizationId, sendId, from, toMasked, body, sentAt, null, null, null);
    }
}
