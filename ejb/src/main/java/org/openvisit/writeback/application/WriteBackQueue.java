package org.openvisit.writeback.application;

import org.openvisit.writeback.domain.model.WriteBackAdapter;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint's write-back queue: the items not yet done (a page), how many wait in each state, the
 * health badge, the adapter and the backend client it uses, and how many calls at once each node makes to
 * the EHR ({@code callLimit}: the organization's own limit, null when it set none), and when the EHR last took a
 * write-back ({@code lastDeliveredAt}, null: never yet).
 */
public record WriteBackQueue(UUID endpointId, EndpointHealth health, long pending, long inFlight, long retrying,
                             long failed, WriteBackAdapter adapter, String clientId, String keyId,
                             Integer callLimit, int callsAtOnce,
                             List<QueueItem> items, java.time.Instant lastDeliveredAt) implements Serializable {
}
