package org.openvisit.visit.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.CallQualityRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaCallQualityRepository implements CallQualityRepository {

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaCallQualityRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaCallQualityRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(CallQuality quality) {
        entityManager.persist(quality);
        entityManager.flush(); // the unique visit + attendee surfaces here
    }

    @Override
    public Optional<CallQuality> find(UUID visitId, String attendeeId) {
        return entityManager.createNamedQuery(CallQuality.OF_ATTENDEE, CallQuality.class)
                .setParameter("visit", visitId.toString())
                .setParameter("attendee", attendeeId)
                .getResultStream().findFirst();
    }

    @Override
    public List<CallQuality> ofVisit(UUID visitId) {
        return entityManager.createNamedQuery(CallQuality.OF_VISIT, CallQuality.class)
                .setParameter("visit", visitId.toString())
                .getResultList();
    }
}
