package org.openvisit.visit.application;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Instant;
import java.util.UUID;

/**
 * The CDI event fired, synchronously and inside the transaction that stored it, for every visit
 * event. Observers that must not lose it (the write-back outbox) write their rows in that same
 * transaction; observers that only tell someone (the provider page) use
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)}.
 */
public record VisitEventRecorded(UUID eventId, UUID visitId, UUID endpointId, UUID organizationId, long sequence,
                                 VisitEventType type, AttendeeRole attendeeRole, String attendeeId, String detail,
                                 Instant occurredAt) {

    public static VisitEventRecorded of(VisitEvent e) {
        return new VisitEventRecorded(e.id(), e.visitId(), e.endpointId(), e.organizationId(), e.sequence(), e.type(),
                e.attendeeRole().orElse(null), e.attendeeId().orElse(null), e.detail().orElse(null), e.occurredAt());
    }
}
