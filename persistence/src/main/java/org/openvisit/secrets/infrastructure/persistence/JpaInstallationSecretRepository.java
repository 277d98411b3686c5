package org.openvisit.secrets.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.secrets.domain.model.InstallationSecret;
import org.openvisit.secrets.domain.model.InstallationSecretRepository;

import java.util.Optional;

@ApplicationScoped
public class JpaInstallationSecretRepository implements InstallationSecretRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaInstallationSecretRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaInstallationSecretRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(InstallationSecret secret) {
        entityManager.persist(secret);
        entityManager.flush();
    }

    @Override
    public Optional<InstallationSecret> find(String purpose) {
        return Optional.ofNullable(entityManager.find(InstallationSecret.class, purpose));
    }
}
