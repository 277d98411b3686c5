package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.FeedRefusalCount;
import org.openvisit.notify.domain.model.SmsFeedRefusalRepository;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The appointment feed's refusals counted in the database per endpoint and reason, each in a transaction of its own
 * (a refused message rolls its own work back; its count stays), so the SMS page shows the same figures on every node
 * and after a restart.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FeedRefusals {

    @Inject
    private SmsFeedRefusalRepository counts;

    private final Clock clock = Clock.systemUTC();

    /** Adds one refusal of {@code reason} for the endpoint. */
    public void count(UUID endpointId, UUID organizationId, FeedRefusal.Reason reason) {
        counts.count(endpointId, organizationId, reason.name(), clock.instant());
    }

    /** The organization's counts (no access check: {@link SmsFeedSetupService#refusals} checks). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<FeedRefusalCount> of(UUID organizationId) {
        return counts.ofOrganization(organizationId);
    }
}
