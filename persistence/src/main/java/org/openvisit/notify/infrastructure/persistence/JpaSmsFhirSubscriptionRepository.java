package org.openvisit.notify.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.notify.domain.model.SmsFhirSubscription;
import org.openvisit.notify.domain.model.SmsFhirSubscriptionRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class JpaSmsFhirSubscriptionRepository implements SmsFhirSubscriptionRepository {

    /** Subscriptions wanted and due for the keeper, soonest first, locked without waiting for another node's rows. */
    private static final String CLAIM = """
            SELECT s.endpoint_id FROM sms_fhir_subscription s
             WHERE s.topic IS NOT NULL AND s.next_check_at <= ?1
               AND (s.claimed_until IS NULL OR s.claimed_until <= ?1)
             ORDER BY s.next_check_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaSmsFhirSubscriptionRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaSmsFhirSubscriptionRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(SmsFhirSubscription subscription) {
        entityManager.persist(subscription);
        entityManager.flush();
    }

    @Override
    public Optional<SmsFhirSubscription> find(UUID endpointId) {
        return Optional.ofNullable(entityManager.find(SmsFhirSubscription.class, endpointId.toString()));
    }

    @Override
    public Optional<SmsFhirSubscription> byHook(String hookId) {
        if (hookId == null || hookId.isEmpty() || hookId.length() > 36) {
            return Optional.empty();
        }
        return entityManager.createNamedQuery(SmsFhirSubscription.BY_HOOK, SmsFhirSubscription.class)
                .setParameter("hook", hookId).getResultStream().findFirst();
    }

    @Override
    public List<SmsFhirSubscription> ofOrganization(UUID organizationId) {
        return entityManager.createNamedQuery(SmsFhirSubscription.BY_ORGANIZATION, SmsFhirSubscription.class)
                .setParameter("organization", organizationId.toString()).getResultList();
    }

    @Override
    public List<UUID> claimDue(Instant now, Duration lease, int max) {
        if (max < 1) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = entityManager.createNativeQuery(CLAIM.formatted(max))
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).getResultList();
        List<UUID> claimed = new ArrayList<>();
        for (Object row : rows) {
            String id = row instanceof Object[] a ? a[0].toString() : row.toString();
            SmsFhirSubscription s = entityManager.find(SmsFhirSubscription.class, id);
            if (s != null) {
                entityManager.refresh(s);
                if (s.claim(now, lease)) {
                    claimed.add(s.endpointId());
                }
            }
        }
        entityManager.flush();
        return claimed;
    }
}
