package org.openvisit.audit.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A regional store's audit trail, with the forwarding outbox. */
public interface OrganizationAuditRepository extends AuditTrailRepository<OrganizationAuditRecord> {

    Optional<OrganizationAuditRecord> find(UUID id);

    /**
     * Takes up to {@code max} events due to be forwarded (rows no other transaction holds), each for {@code lease}: the
     * caller sends them outside this transaction and records each outcome.
     */
    List<OrganizationAuditRecord> claimForwards(Instant now, Duration lease, int max);
}
