package org.openvisit.writeback.application;

import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.writeback.domain.model.DeliveryTask;

import java.time.Instant;
import java.util.UUID;
import org.openvisit.tenant.domain.model.DataRegion;

/**
 * A task this node claimed in its region's store, as the relay carries it between transactions, with what its delivery needs
 * (read when it was claimed; the opened EHR references live only in memory until it is delivered).
 */
public record ClaimedTask(DataRegion region, UUID taskId, UUID endpointId, UUID visitId, long sequence,
                          VisitEventType type, int attemptsBefore, Instant occurredAt, PreparedDelivery prepared) {

    static ClaimedTask of(DataRegion region, DeliveryTask t, PreparedDelivery prepared) {
        return new ClaimedTask(region, t.id(), t.endpointId(), t.visitId(), t.sequence(), t.eventType(), t.attempts(),
                t.occurredAt(), prepared);
    }
}
