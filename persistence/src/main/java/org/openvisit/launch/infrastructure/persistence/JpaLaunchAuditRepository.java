package org.openvisit.launch.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.launch.domain.model.LaunchAuditRepository;

import java.util.List;
import java.util.UUID;

/** Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected. */
public class JpaLaunchAuditRepository implements LaunchAuditRepository {

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a row of another region is refused before it is written. */
    public JpaLaunchAuditRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaLaunchAuditRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public void add(LaunchAuditEntry entry) {
        guard.require(entry.visitId().orElse(null), "launch audit entry");
        entityManager.persist(entry);
        entityManager.flush();
    }

    @Override
    public List<LaunchAuditEntry> ofOrganization(UUID organizationId, int first, int max) {
        return entityManager.createNamedQuery(LaunchAuditEntry.OF_ORGANIZATION, LaunchAuditEntry.class)
                .setParameter("organization", organizationId.toString())
                .setFirstResult(first).setMaxResults(max)
                .getResultList();
    }

    @Override
    public List<LaunchAuditEntry> recent(int first, int max) {
        return entityManager.createNamedQuery(LaunchAuditEntry.RECENT, LaunchAuditEntry.class)
                .setFirstResult(first).setMaxResults(max)
                .getResultList();
    }
}
