package org.openvisit.launch.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.launch.domain.model.ContextLinkUse;
import org.openvisit.launch.domain.model.ContextLinkUseRepository;

import java.time.Instant;

/** Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected. */
public class JpaContextLinkUseRepository implements ContextLinkUseRepository {

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a row of another region is refused before it is written. */
    public JpaContextLinkUseRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaContextLinkUseRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public void add(ContextLinkUse use) {
        entityManager.persist(use);
        entityManager.flush();
    }

    @Override
    public int forgetExpired(Instant before) {
        return entityManager.createQuery("delete from ContextLinkUse u where u.expiresAt < :before")
                .setParameter("before", before).executeUpdate();
    }
}
