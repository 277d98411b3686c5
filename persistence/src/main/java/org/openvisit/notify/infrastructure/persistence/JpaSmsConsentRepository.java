package org.openvisit.notify.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.notify.domain.model.SmsConsent;
import org.openvisit.notify.domain.model.SmsConsentRepository;

import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaSmsConsentRepository implements SmsConsentRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSmsConsentRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSmsConsentRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(SmsConsent consent) {
        entityManager.persist(consent);
        entityManager.flush();
    }

    @Override
    public Optional<SmsConsent> find(UUID organizationId) {
        return Optional.ofNullable(entityManager.find(SmsConsent.class, organizationId.toString()));
    }
}
