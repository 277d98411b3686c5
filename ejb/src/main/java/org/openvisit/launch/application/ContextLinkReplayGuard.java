package org.openvisit.launch.application;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.openvisit.launch.domain.model.ContextLinkUse;
import org.openvisit.launch.domain.model.ContextLinkUseRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Makes a context link single use across all nodes: its digest is stored until it expires, and the
 * database refuses a second row. Expired rows are swept along the way, so the table stays small.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ContextLinkReplayGuard {

    /** Links are refused this long after they expire anyway (clock skew), so their digests can go then. */
    static final Duration KEEP_AFTER_EXPIRY = Duration.ofMinutes(5);

    @jakarta.ejb.EJB
    private org.openvisit.region.application.RegionDirectory regions;

    @Resource
    private SessionContext context;

    private final Clock clock = Clock.systemUTC();

    /** True on the token's first use; false (nothing stored) when it was used before. */
    public boolean firstUse(String tokenDigest, UUID endpointId, Instant expiresAt) {
        // the endpoint's organization's store (its region read from the global store outside this transaction)
        ContextLinkUseRepository uses = regions.ready(regions.regionOfEndpoint(endpointId)).contextLinkUses();
        Instant now = clock.instant();
        uses.forgetExpired(now.minus(KEEP_AFTER_EXPIRY));
        try {
            uses.add(new ContextLinkUse(tokenDigest, endpointId, expiresAt.plus(KEEP_AFTER_EXPIRY)));
            return true;
        } catch (PersistenceException usedBefore) {
            if (org.openvisit.region.application.RegionUnavailableException.isStoreFailure(usedBefore)) {
                throw new org.openvisit.region.application.RegionUnavailableException(
                        regions.regionOfEndpoint(endpointId), usedBefore);
            }
            context.setRollbackOnly();
            return false;
        }
    }
}
