package org.openvisit.notify.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsEndpointSettingsRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaSmsEndpointSettingsRepository implements SmsEndpointSettingsRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSmsEndpointSettingsRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSmsEndpointSettingsRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(SmsEndpointSettings settings) {
        entityManager.persist(settings);
        entityManager.flush();
    }

    @Override
    public Optional<SmsEndpointSettings> find(UUID endpointId) {
        return Optional.ofNullable(entityManager.find(SmsEndpointSettings.class, endpointId.toString()));
    }

    @Override
    public Optional<SmsEndpointSettings> findBySendingFacility(String facility) {
        return entityManager.createNamedQuery(SmsEndpointSettings.BY_FACILITY, SmsEndpointSettings.class)
                .setParameter("facility", facility).getResultStream().findFirst();
    }

    @Override
    public List<SmsEndpointSettings> ofOrganization(UUID organizationId) {
        return entityManager.createNamedQuery(SmsEndpointSettings.BY_ORGANIZATION, SmsEndpointSettings.class)
                .setParameter("organization", organizationId.toString()).getResultList();
    }
}
