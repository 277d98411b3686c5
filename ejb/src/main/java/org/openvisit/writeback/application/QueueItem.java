package org.openvisit.writeback.application;

import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.writeback.domain.model.DeliveryStatus;
import org.openvisit.writeback.domain.model.DeliveryTask;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One item of an endpoint's write-back queue, as the portal and the API show it. */
public record QueueItem(UUID id, UUID eventId, UUID visitId, long sequence, VisitEventType eventType, Instant occurredAt,
                        DeliveryStatus status, int attempts, String lastError, Instant nextAttemptAt,
                        Instant deliveredAt) implements Serializable {

    static QueueItem of(DeliveryTask t) {
        return new QueueItem(t.id(), t.eventId(), t.visitId(), t.sequence(), t.eventType(), t.occurredAt(), t.status(), t.attempts(),
                t.lastError().orElse(null), t.status().isFinal() || t.status() == DeliveryStatus.FAILED
                ? null : t.nextAttemptAt(), t.deliveredAt().orElse(null));
    }
}
