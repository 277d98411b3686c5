package org.openvisit.writeback.application;

import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.writeback.domain.model.DeliveryTask;

import java.time.Instant;
import java.util.UUID;

/** A task this node claimed, as the relay carries it between transactions. */
public record ClaimedTask(UUID taskId, UUID endpointId, UUID visitId, long sequence, VisitEventType type,
                          int attemptsBefore, Instant occurredAt) {

    static ClaimedTask of(DeliveryTask t) {
        return new ClaimedTask(t.id(), t.endpointId(), t.visitId(), t.sequence(), t.eventType(), t.attempts(),
                t.occurredAt());
    }
}
