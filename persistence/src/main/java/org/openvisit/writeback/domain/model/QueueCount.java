package org.openvisit.writeback.domain.model;

import java.util.UUID;

/** How many tasks of an endpoint are in a status. */
public record QueueCount(UUID endpointId, DeliveryStatus status, long count) {
}
