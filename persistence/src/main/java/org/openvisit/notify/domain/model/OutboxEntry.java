package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.UUID;

/**
 * A message the built-in carrier "sent" (it never leaves the machine): from the organization's number to the
 * patient's, kept only masked ({@code +1•••••••4567}); the body carries no clinical information.
 */
public record OutboxEntry(UUID id, UUID organizationId, UUID sendId, String from, String toMasked, String body,
                          Instant sentAt) {
}
