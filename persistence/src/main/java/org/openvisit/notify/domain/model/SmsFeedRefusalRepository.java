package org.openvisit.notify.domain.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The appointment feed's refusals counted per endpoint and reason (global store; counts only). */
public interface SmsFeedRefusalRepository {

    /**
     * Adds one refusal.
     *
     * @throws jakarta.persistence.PersistenceException another transaction added the first one of this endpoint and
     *                                                  reason at the same moment (counting again then finds its row)
     */
    void count(UUID endpointId, UUID organizationId, String reason, Instant at);

    /** The organization's counts, by endpoint and reason. */
    List<FeedRefusalCount> ofOrganization(UUID organizationId);
}
