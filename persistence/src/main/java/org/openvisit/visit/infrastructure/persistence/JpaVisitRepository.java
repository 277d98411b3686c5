package org.openvisit.visit.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitParticipant;
import org.openvisit.visit.domain.model.VisitRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaVisitRepository implements VisitRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaVisitRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaVisitRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(Visit visit) {
        entityManager.persist(visit);
        entityManager.flush(); // the unique endpoint + appointment hash surfaces here
    }

    @Override
    public Optional<Visit> find(UUID id) {
        return Optional.ofNullable(entityManager.find(Visit.class, id.toString()));
    }

    @Override
    public Optional<Visit> findByKey(UUID endpointId, AppointmentHash hash) {
        return entityManager.createNamedQuery(Visit.BY_KEY, Visit.class)
                .setParameter("endpoint", endpointId.toString())
                .setParameter("hash", hash.value())
                .getResultStream().findFirst();
    }

    @Override
    public void addParticipant(VisitParticipant participant) {
        entityManager.persist(participant);
        entityManager.flush();
    }

    @Override
    public boolean hasParticipant(UUID visitId, String ehrUserId) {
        return participants(visitId).stream().anyMatch(p -> p.ehrUserId().equals(ehrUserId.strip()));
    }

    @Override
    public List<VisitParticipant> participants(UUID visitId) {
        return entityManager.createNamedQuery(VisitParticipant.OF_VISIT, VisitParticipant.class)
                .setParameter("visit", visitId.toString())
                .getResultList();
    }

    @Override
    public Optional<Visit> findForUpdate(UUID id) {
        return Optional.ofNullable(entityManager.find(Visit.class, id.toString(), LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public void addEvent(VisitEvent event) {
        entityManager.persist(event);
        entityManager.flush();
    }

    @Override
    public void flush() {
        entityManager.flush();
    }

    @Override
    public List<VisitEvent> events(UUID visitId) {
        return entityManager.createNamedQuery(VisitEvent.OF_VISIT, VisitEvent.class)
                .setParameter("visit", visitId.toString())
                .getResultList();
    }
}
