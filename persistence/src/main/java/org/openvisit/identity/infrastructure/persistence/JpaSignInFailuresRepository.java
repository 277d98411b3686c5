package org.openvisit.identity.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.identity.domain.model.SignInFailures;
import org.openvisit.identity.domain.model.SignInFailuresRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class JpaSignInFailuresRepository implements SignInFailuresRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSignInFailuresRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSignInFailuresRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Optional<SignInFailures> find(String subject) {
        return Optional.ofNullable(entityManager.find(SignInFailures.class, subject));
    }

    @Override
    public void add(SignInFailures failures) {
        entityManager.persist(failures);
        entityManager.flush();
    }

    @Override
    public boolean forget(String subject) {
        return entityManager.createQuery("delete from SignInFailures f where f.subject = :subject")
                .setParameter("subject", subject).executeUpdate() > 0;
    }

    @Override
    public List<SignInFailures> locked(Instant now) {
        return entityManager.createQuery("select f from SignInFailures f where f.lockedUntil > :now order by f.subject",
                SignInFailures.class).setParameter("now", now).setMaxResults(500).getResultList();
    }

    @Override
    public int forgetOlderThan(Instant before, Instant now) {
        return entityManager.createQuery("delete from SignInFailures f where f.lastFailureAt < :before"
                        + " and (f.lockedUntil is null or f.lockedUntil <= :now)")
                .setParameter("before", before).setParameter("now", now).executeUpdate();
    }
}
