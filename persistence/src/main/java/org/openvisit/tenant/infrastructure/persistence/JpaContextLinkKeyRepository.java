package org.openvisit.tenant.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.tenant.domain.model.ContextLinkKey;
import org.openvisit.tenant.domain.model.ContextLinkKeyRepository;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaContextLinkKeyRepository implements ContextLinkKeyRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaContextLinkKeyRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaContextLinkKeyRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(ContextLinkKey key) {
        entityManager.persist(key);
        entityManager.flush();
    }

    @Override
    public Optional<ContextLinkKey> activeFor(UUID endpointId) {
        return entityManager.createNamedQuery(ContextLinkKey.ACTIVE_FOR_ENDPOINT, ContextLinkKey.class)
                .setParameter("endpoint", endpointId.toString())
                .getResultStream().findFirst();
    }

    @Override
    public Optional<ContextLinkKey> findByKeyId(String keyId) {
        return entityManager.createNamedQuery(ContextLinkKey.BY_KEY_ID, ContextLinkKey.class)
                .setParameter("keyId", keyId)
                .getResultStream().findFirst();
    }
}
