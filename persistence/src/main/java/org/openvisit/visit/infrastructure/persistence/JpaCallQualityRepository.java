package org.openvisit.visit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.CallQualityRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected. */
public class JpaCallQualityRepository implements CallQualityRepository {

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a row of another region is refused before it is written. */
    public JpaCallQualityRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaCallQualityRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public void add(CallQuality quality) {
        guard.require(quality.visitId(), "call quality aggregate");
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
