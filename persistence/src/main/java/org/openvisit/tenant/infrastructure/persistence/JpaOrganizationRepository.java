package org.openvisit.tenant.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaOrganizationRepository implements OrganizationRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaOrganizationRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaOrganizationRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(Organization organization) {
        entityManager.persist(organization);
        entityManager.flush(); // a unique-name clash surfaces here, inside the caller's method
    }

    @Override
    public Optional<Organization> find(UUID id) {
        return Optional.ofNullable(entityManager.find(Organization.class, id.toString()));
    }

    @Override
    public Optional<Organization> findByName(OrganizationName name) {
        return entityManager.createNamedQuery(Organization.BY_NAME_KEY, Organization.class)
                .setParameter("nameKey", name.key())
                .getResultStream()
                .findFirst();
    }

    @Override
    public List<Organization> withVisitRetention(org.openvisit.tenant.domain.model.DataRegion region) {
        return entityManager.createNamedQuery(Organization.WITH_VISIT_RETENTION, Organization.class)
                .setParameter("region", region).getResultList();
    }

    @Override
    public List<Organization> list(int first, int max) {
        return entityManager.createNamedQuery(Organization.ALL_BY_NAME, Organization.class)
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public long count() {
        return entityManager.createNamedQuery(Organization.COUNT, Long.class).getSingleResult();
    }
}
