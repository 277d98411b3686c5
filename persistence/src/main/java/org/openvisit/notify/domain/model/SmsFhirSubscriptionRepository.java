package org.openvisit.notify.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The endpoints' FHIR rest-hook Subscriptions (global store). */
public interface SmsFhirSubscriptionRepository {

    void add(SmsFhirSubscription subscription);

    Optional<SmsFhirSubscription> find(UUID endpointId);

    /** The Subscription whose receiver path id is {@code hookId}. */
    Optional<SmsFhirSubscription> byHook(String hookId);

    List<SmsFhirSubscription> ofOrganization(UUID organizationId);

    /**
     * Claims up to {@code max} Subscriptions due for the keeper (made, renewed, checked) until {@code now + lease}, in
     * the caller's transaction ({@code FOR UPDATE SKIP LOCKED}: rows another node holds are passed over).
     */
    List<UUID> claimDue(Instant now, Duration lease, int max);
}
