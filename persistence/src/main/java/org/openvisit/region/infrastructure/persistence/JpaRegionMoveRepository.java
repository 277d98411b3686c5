package org.openvisit.region.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.region.domain.model.RegionMove;
import org.openvisit.region.domain.model.RegionMoveRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Region moves in the global store ({@code openvisit} unit). */
@ApplicationScoped
public class JpaRegionMoveRepository implements RegionMoveRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaRegionMoveRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaRegionMoveRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(RegionMove move) {
        entityManager.persist(move);
        entityManager.flush(); // a second unfinished move of the organization fails here
    }

    @Override
    public Optional<RegionMove> find(UUID id) {
        return Optional.ofNullable(entityManager.find(RegionMove.class, id.toString()));
    }

    @Override
    public List<RegionMove> unfinished() {
        return entityManager.createNamedQuery(RegionMove.UNFINISHED, RegionMove.class).getResultList();
    }

    @Override
    public List<RegionMove> recent(int max) {
        return entityManager.createNamedQuery(RegionMove.RECENT, RegionMove.class).setMaxResults(max).getResultList();
    }

    @Override
    public List<RegionMove> ofOrganization(UUID organizationId) {
        return entityManager.createNamedQuery(RegionMove.OF_ORGANIZATION, RegionMove.class)
                .setParameter("organizationId", organizationId.toString()).setMaxResults(50).getResultList();
    }
}
