package org.openvisit.identity.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.identity.domain.model.AccountRepository;
import org.openvisit.identity.domain.model.PortalAccount;
import org.openvisit.tenant.domain.model.PortalUsername;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaAccountRepository implements AccountRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaAccountRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaAccountRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(PortalAccount account) {
        entityManager.persist(account);
        entityManager.flush(); // a username clash surfaces here, inside the caller's method
    }

    @Override
    public Optional<PortalAccount> findByUsername(PortalUsername username) {
        return entityManager.createNamedQuery(PortalAccount.BY_USERNAME_KEY, PortalAccount.class)
                .setParameter("key", username.key())
                .getResultStream()
                .findFirst();
    }

    @Override
    public long count() {
        return entityManager.createNamedQuery(PortalAccount.COUNT, Long.class).getSingleResult();
    }

    @Override
    public List<PortalAccount> findByOrganization(UUID organizationId, int first, int max) {
        return entityManager.createQuery("select a from PortalAccount a where a.organizationId = :organizationId "
                        + "order by a.usernameKey", PortalAccount.class)
                .setParameter("organizationId", organizationId.toString())
                .setFirstResult(first)
                .setMaxResults(max)
                .getResultList();
    }

    @Override
    public long countByOrganization(UUID organizationId) {
        return entityManager.createQuery("select count(a) from PortalAccount a where a.organizationId = :organizationId",
                        Long.class)
                .setParameter("organizationId", organizationId.toString())
                .getSingleResult();
    }
}
