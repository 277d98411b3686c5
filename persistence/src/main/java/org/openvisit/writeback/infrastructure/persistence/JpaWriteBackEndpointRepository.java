package org.openvisit.writeback.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.writeback.domain.model.WriteBackEndpoint;
import org.openvisit.writeback.domain.model.WriteBackEndpointRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaWriteBackEndpointRepository implements WriteBackEndpointRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaWriteBackEndpointRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaWriteBackEndpointRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(WriteBackEndpoint endpoint) {
        entityManager.persist(endpoint);
        entityManager.flush();
    }

    @Override
    public Optional<WriteBackEndpoint> find(UUID endpointId) {
        return Optional.ofNullable(entityManager.find(WriteBackEndpoint.class, endpointId.toString()));
    }

    @Override
    public List<WriteBackEndpoint> all() {
        return entityManager.createNamedQuery(WriteBackEndpoint.ALL, WriteBackEndpoint.class).getResultList();
    }
}
