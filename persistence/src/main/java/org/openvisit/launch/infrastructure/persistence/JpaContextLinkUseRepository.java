package org.openvisit.launch.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.launch.domain.model.ContextLinkUse;
import org.openvisit.launch.domain.model.ContextLinkUseRepository;

import java.time.Instant;

@ApplicationScoped
public class JpaContextLinkUseRepository implements ContextLinkUseRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaContextLinkUseRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaContextLinkUseRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
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
