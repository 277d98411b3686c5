package org.openvisit.notify.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.notify.domain.model.SmsFhirFeed;
import org.openvisit.notify.domain.model.SmsFhirFeedRepository;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaSmsFhirFeedRepository implements SmsFhirFeedRepository {

    /**
     * Due FHIR polls of one region's organizations, soonest first, locked without waiting for rows another node
     * holds. A poll whose run holds an unexpired lease is not due. (A subquery, not a join, names the region: H2 and
     * PostgreSQL then lock only the feed's rows.)
     */
    private static final String CLAIM = """
            SELECT f.endpoint_id FROM sms_fhir_feed f
             WHERE f.source = 'FHIR_POLLING' AND f.next_poll_at <= ?1
               AND (f.lease_until IS NULL OR f.lease_until <= ?1)
               AND f.organization_id IN (SELECT o.id FROM organization o WHERE o.data_region = ?2)
             ORDER BY f.next_poll_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSmsFhirFeedRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSmsFhirFeedRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(SmsFhirFeed feed) {
        entityManager.persist(feed);
        entityManager.flush();
    }

    @Override
    public Optional<SmsFhirFeed> find(UUID endpointId) {
        return Optional.ofNullable(entityManager.find(SmsFhirFeed.class, endpointId.toString()));
    }

    @Override
    public List<SmsFhirFeed> ofOrganization(UUID organizationId) {
        return entityManager.createNamedQuery(SmsFhirFeed.BY_ORGANIZATION, SmsFhirFeed.class)
                .setParameter("organization", organizationId.toString()).getResultList();
    }

    @Override
    public List<UUID> claimDue(DataRegion region, String run, Instant now, Duration lease, int max) {
        if (max < 1) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = entityManager.createNativeQuery(CLAIM.formatted(max))
                .setParameter(1, now.atOffset(ZoneOffset.UTC))
                .setParameter(2, region.name())
                .getResultList();
        List<UUID> claimed = new ArrayList<>();
        for (Object row : rows) {
            String id = row instanceof Object[] a ? a[0].toString() : row.toString();
            SmsFhirFeed feed = entityManager.find(SmsFhirFeed.class, id);
            if (feed != null) {
                entityManager.refresh(feed); // the locked row as it is now, not a cached copy
                if (feed.claim(run, now, lease)) {
                    claimed.add(feed.endpointId());
                }
            }
        }
        entityManager.flush();
        return claimed;
    }
}
