package org.openvisit.launch.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.launch.domain.model.LaunchAuditRepository;

import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class JpaLaunchAuditRepository implements LaunchAuditRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaLaunchAuditRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaLaunchAuditRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(LaunchAuditEntry entry) {
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
