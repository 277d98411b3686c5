package org.openvisit.visit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.RevokedJoinLink;
import org.openvisit.visit.domain.model.RevokedJoinLinkRepository;

import java.time.Instant;

/**
 * Revoked join links in a regional store (regional V17: they name their visit, so they live with it). Obtained per
 * region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected.
 */
public class JpaRevokedJoinLinkRepository implements RevokedJoinLinkRepository {

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a link of another region's visit is refused before it is written. */
    public JpaRevokedJoinLinkRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaRevokedJoinLinkRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public void revoke(RevokedJoinLink link) {
        guard.require(link.visitId(), "revoked join link");
        if (entityManager.find(RevokedJoinLink.class, link.linkId()) == null) {
            entityManager.persist(link);
            entityManager.flush();
        }
    }

    @Override
    public boolean isRevoked(String linkId) {
        return linkId != null && entityManager.find(RevokedJoinLink.class, linkId) != null;
    }

    @Override
    public int forgetExpired(Instant before) {
        return entityManager.createQuery("delete from RevokedJoinLink r where r.expiresAt < :before")
                .setParameter("before", before).executeUpdate();
    }
}
