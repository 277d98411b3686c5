package org.openvisit.audit.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.audit.domain.model.ForwardState;
import org.openvisit.audit.domain.model.OrganizationAuditRecord;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The forwarding outbox's transactions, each short, on its own and within one region's store. */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class AuditOutbox {

    /** How long a sender holds the events it took (then another node may take them). */
    static final Duration LEASE = Duration.ofMinutes(2);

    @EJB
    private RegionDirectory regions;

    private final Clock clock = Clock.systemUTC();

    /** An event taken to be sent, with the attempts made before. */
    public record Claimed(AuditEntry entry, int attempts) {
    }

    /** Takes up to {@code max} of the region's events that are due to be forwarded. */
    public List<Claimed> claim(DataRegion region, int max) {
        return regions.ready(region).auditTrail().claimForwards(clock.instant(), LEASE, max).stream()
                .map(r -> new Claimed(AuditEntry.of(r), r.forwardAttempts())).toList();
    }

    /** The repository took it (unless it is no longer waiting: the organization moved meanwhile, say). */
    public void sent(DataRegion region, UUID id) {
        pending(region, id).ifPresent(OrganizationAuditRecord::forwarded);
    }

    /** An attempt failed: again at {@code nextAt}, or given up ({@code null}). */
    public void failed(DataRegion region, UUID id, String error, Instant nextAt) {
        pending(region, id).ifPresent(r -> r.forwardFailed(error, nextAt));
    }

    private java.util.Optional<OrganizationAuditRecord> pending(DataRegion region, UUID id) {
        return regions.ready(region).auditTrail().find(id)
                .filter(r -> r.forwardState().filter(ForwardState.PENDING::equals).isPresent());
    }
}
