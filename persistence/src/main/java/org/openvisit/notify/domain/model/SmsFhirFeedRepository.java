package org.openvisit.notify.domain.model;

import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The endpoints' feed sources and FHIR poll states (global store). */
public interface SmsFhirFeedRepository {

    void add(SmsFhirFeed feed);

    Optional<SmsFhirFeed> find(UUID endpointId);

    List<SmsFhirFeed> ofOrganization(UUID organizationId);

    /**
     * Claims up to {@code max} due FHIR polls of organizations in {@code region} for {@code run} (each until
     * {@code now + lease}), in the caller's transaction: the due rows are locked with {@code FOR UPDATE SKIP LOCKED}
     * (rows another node is claiming are passed over, never waited for), then each is claimed with its version
     * checked at commit.
     *
     * @return the endpoints claimed, soonest due first
     */
    List<UUID> claimDue(DataRegion region, String run, Instant now, java.time.Duration lease, int max);
}
