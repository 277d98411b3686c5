package org.openvisit.tenant.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.tenant.domain.model.ClinicianTeamsLink;
import org.openvisit.tenant.domain.model.ClinicianTeamsLinkRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** JPA on the global store. */
@ApplicationScoped
public class JpaClinicianTeamsLinkRepository implements ClinicianTeamsLinkRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaClinicianTeamsLinkRepository() {
        // for CDI
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaClinicianTeamsLinkRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(ClinicianTeamsLink link) {
        entityManager.persist(link);
        entityManager.flush();
    }

    @Override
    public Optional<ClinicianTeamsLink> find(UUID organizationId, String ehrUserId) {
        return entityManager.createNamedQuery(ClinicianTeamsLink.OF_USER, ClinicianTeamsLink.class)
                .setParameter("organization", organizationId.toString())
                .setParameter("user", ehrUserId == null ? "" : ehrUserId.strip())
                .getResultStream().findFirst();
    }

    @Override
    public List<ClinicianTeamsLink> ofOrganization(UUID organizationId, int first, int max) {
        return entityManager.createNamedQuery(ClinicianTeamsLink.OF_ORGANIZATION, ClinicianTeamsLink.class)
                .setParameter("organization", organizationId.toString())
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    @Override
    public long countOf(UUID organizationId) {
        return entityManager.createNamedQuery(ClinicianTeamsLink.COUNT_OF_ORGANIZATION, Long.class)
                .setParameter("organization", organizationId.toString()).getSingleResult();
    }

    @Override
    public boolean remove(UUID organizationId, UUID linkId) {
        ClinicianTeamsLink link = entityManager.find(ClinicianTeamsLink.class, linkId.toString());
        if (link == null || !link.organizationId().equals(organizationId)) {
            return false;
        }
        entityManager.remove(link);
        return true;
    }
}
