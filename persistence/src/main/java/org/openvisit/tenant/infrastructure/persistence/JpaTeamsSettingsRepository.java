package org.openvisit.tenant.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.tenant.domain.model.TeamsSettings;
import org.openvisit.tenant.domain.model.TeamsSettingsRepository;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaTeamsSettingsRepository implements TeamsSettingsRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaTeamsSettingsRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaTeamsSettingsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(TeamsSettings settings) {
        entityManager.persist(settings);
        entityManager.flush();
    }

    @Override
    public Optional<TeamsSettings> find(UUID organizationId) {
        return Optional.ofNullable(entityManager.find(TeamsSettings.class, organizationId.toString()));
    }

    @Override
    public Optional<TeamsSettings> findByCallSubscription(String subscriptionId) {
        return entityManager.createQuery("select s from TeamsSettings s where s.callSubscriptionId = :id",
                TeamsSettings.class).setParameter("id", subscriptionId).setMaxResults(1).getResultStream().findFirst();
    }

    @Override
    public java.util.List<UUID> withCredential() {
        return entityManager.createQuery("select s.organizationId from TeamsSettings s where s.sealedCredential is not null",
                String.class).getResultList().stream().map(UUID::fromString).toList();
    }

    @Override
    public Optional<TeamsSettings> findForUpdate(UUID organizationId) {
        return Optional.ofNullable(entityManager.find(TeamsSettings.class, organizationId.toString(),
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE));
    }
}
