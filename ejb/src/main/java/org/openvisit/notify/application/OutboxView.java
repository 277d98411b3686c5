package org.openvisit.notify.application;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** A message of the built-in carrier's outbox: from, to (masked), body, when. */
public record OutboxView(UUID id, UUID sendId, String from, String toMasked, String body, Instant sentAt)
        implements Serializable {
}
