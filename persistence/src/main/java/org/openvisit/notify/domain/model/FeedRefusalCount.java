package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.UUID;

/** How many messages an endpoint's appointment feed refused for one reason, and when last. */
public record FeedRefusalCount(UUID endpointId, String reason, long refused, Instant lastAt)
        implements java.io.Serializable {
}
