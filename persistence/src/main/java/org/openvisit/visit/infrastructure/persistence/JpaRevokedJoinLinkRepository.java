package org.openvisit.visit.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.visit.domain.model.RevokedJoinLink;
import org.openvisit.visit.domain.model.RevokedJoinLinkRepository;

import java.time.Instant;

@ApplicationScoped
public class JpaRevokedJoinLinkRepository implements RevokedJoinLinkRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaRevokedJoinLinkRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaRevokedJoinLinkRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void revoke(RevokedJoinLink link) {
        if (entityManager.find(RevokedJoinLink.class, link.linkId()) == null) {
            entityManager.persist(link);
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
