package org.openvisit.visit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitParticipant;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected. */
public class JpaVisitRepository implements VisitRepository {

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a row of another region is refused before it is written. */
    public JpaVisitRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaVisitRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public void add(Visit visit) {
        guard.require(visit.id(), "visit");
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
        guard.require(participant.visitId(), "visit participant");
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
        guard.require(event.visitId(), "visit event");
        entityManager.persist(event);
        entityManager.flush();
    }

    @Override
    public void flush() {
        entityManager.flush();
    }

    @Override
    public List<UUID> endedKeepingEhrContext(Instant endedBefore, int max) {
        @SuppressWarnings("unchecked")
        List<Object> ids = entityManager.createNativeQuery("""
                SELECT v.id FROM visit v
                 WHERE v.status = 'ENDED' AND v.ehr_context IS NOT NULL AND v.ended_at < ?1
                   AND NOT EXISTS (SELECT 1 FROM writeback_task t WHERE t.visit_id = v.id
                                     AND t.status IN ('PENDING', 'IN_FLIGHT', 'RETRYING', 'FAILED'))
                 FETCH FIRST %d ROWS ONLY""".formatted(max)).setParameter(1, endedBefore.atOffset(ZoneOffset.UTC))
                .getResultList();
        return ids.stream().map(id -> UUID.fromString(id.toString())).toList();
    }

    @Override
    public List<VisitEvent> events(UUID visitId) {
        return entityManager.createNamedQuery(VisitEvent.OF_VISIT, VisitEvent.class)
                .setParameter("visit", visitId.toString())
                .getResultList();
    }
}
