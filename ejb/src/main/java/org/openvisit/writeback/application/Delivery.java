package org.openvisit.writeback.application;

import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallPeriod;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Instant;
import java.util.UUID;

/**
 * What an adapter needs to write one visit event: the event (its id is the identifier OpenVisit owns
 * at the EHR), the EHR's own references for the visit (never anything about the patient), and how
 * to reach and authenticate to the endpoint. For a connection and the visit's end, also the call as it stood
 * right after the event ({@link CallPeriod}: when clinician and patient were first connected together, and for
 * the end, when the last person left); {@link CallPeriod#NONE} for other events.
 */
public record Delivery(UUID taskId, UUID eventId, UUID visitId, long sequence, VisitEventType type,
                       AttendeeRole attendeeRole, Instant occurredAt, EhrContext context, EndpointAccess access,
                       CallPeriod call) {

    public Delivery {
        call = call == null ? CallPeriod.NONE : call;
    }
}
