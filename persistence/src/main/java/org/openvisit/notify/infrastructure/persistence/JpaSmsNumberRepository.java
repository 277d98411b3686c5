package org.openvisit.notify.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.notify.domain.model.SmsNumber;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.notify.domain.model.SmsNumberStatus;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class JpaSmsNumberRepository implements SmsNumberRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSmsNumberRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSmsNumberRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(SmsNumber number) {
        entityManager.persist(number);
        entityManager.flush();
    }

    @Override
    public Optional<SmsNumber> find(UUID id) {
        return Optional.ofNullable(entityManager.find(SmsNumber.class, id.toString()));
    }

    @Override
    public List<SmsNumber> findByOrganization(UUID organizationId) {
        return entityManager.createNamedQuery(SmsNumber.BY_ORGANIZATION, SmsNumber.class)
                .setParameter("organizationId", organizationId.toString())
                .getResultList();
    }

    @Override
    public List<UUID> findUnfinished(int max) {
        return entityManager.createNamedQuery(SmsNumber.UNFINISHED, SmsNumber.class)
                .setParameter("statuses", List.of(SmsNumberStatus.REQUESTED, SmsNumberStatus.IN_PROGRESS))
                .setMaxResults(max)
                .getResultList().stream().map(SmsNumber::id).toList();
    }

    @Override
    public Set<String> heldNumbers() {
        return new HashSet<>(entityManager.createNamedQuery(SmsNumber.HELD, String.class).getResultList());
    }

    @Override
    public Optional<SmsNumber> findHeld(String e164) {
        return entityManager.createNamedQuery(SmsNumber.BY_HELD, SmsNumber.class).setParameter("number", e164)
                .getResultStream().findFirst();
    }
}
