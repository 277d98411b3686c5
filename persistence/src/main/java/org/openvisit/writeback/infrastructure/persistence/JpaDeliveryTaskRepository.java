package org.openvisit.writeback.infrastructure.persistence;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import org.openvisit.writeback.domain.model.DeliveryAttempt;
import org.openvisit.writeback.domain.model.DeliveryStatus;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.writeback.domain.model.DeliveryTaskRepository;
import org.openvisit.writeback.domain.model.QueueCount;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@ApplicationScoped
public class JpaDeliveryTaskRepository implements DeliveryTaskRepository {

    /**
     * Due tasks, heads of their visits only, locked without waiting for rows another claimer holds. The
     * NOT EXISTS keeps the order per visit: a later event waits while the one before it is undone. The
     * predecessor alone is enough (one unique-index probe, whatever plan the database picks), because a
     * task is done only after it was claimed, and it could be claimed only after its own predecessor was
     * done (a task is discarded only as a dead letter, which had been claimed).
     */
    private static final String CLAIM = """
            SELECT t.id FROM writeback_task t
             WHERE t.status IN ('PENDING', 'RETRYING', 'IN_FLIGHT')
               AND ((t.status <> 'IN_FLIGHT' AND t.next_attempt_at <= ?1)
                 OR (t.status = 'IN_FLIGHT' AND t.claim_until <= ?1))
               AND NOT EXISTS (SELECT 1 FROM writeback_task e
                                WHERE e.visit_id = t.visit_id AND e.sequence_no = t.sequence_no - 1
                                  AND e.status IN ('PENDING', 'IN_FLIGHT', 'RETRYING', 'FAILED'))
               %s
             ORDER BY t.next_attempt_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    protected JpaDeliveryTaskRepository() {
        // for CDI
    }

    /** For use outside the container (tests, tools) with an EntityManager the caller manages. */
    public JpaDeliveryTaskRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void add(DeliveryTask task) {
        entityManager.persist(task);
        entityManager.flush();
    }

    @Override
    public void addAttempt(DeliveryAttempt attempt) {
        entityManager.persist(attempt);
    }

    @Override
    public Optional<DeliveryTask> find(UUID id) {
        return Optional.ofNullable(entityManager.find(DeliveryTask.class, id.toString()));
    }

    @Override
    public Optional<DeliveryTask> findByEvent(UUID eventId) {
        return entityManager.createNamedQuery(DeliveryTask.BY_EVENT, DeliveryTask.class)
                .setParameter("event", eventId.toString()).getResultStream().findFirst();
    }

    @Override
    public List<DeliveryTask> claimDue(String node, Instant now, Duration lease, int max,
                                       Collection<UUID> skipEndpoints) {
        if (max < 1) {
            return List.of();
        }
        List<UUID> skip = List.copyOf(skipEndpoints);
        StringBuilder notIn = new StringBuilder();
        if (!skip.isEmpty()) {
            notIn.append("AND t.endpoint_id NOT IN (");
            for (int i = 0; i < skip.size(); i++) {
                notIn.append(i == 0 ? "" : ", ").append('?').append(i + 2);
            }
            notIn.append(')');
        }
        Query query = entityManager.createNativeQuery(CLAIM.formatted(notIn, max))
                .setParameter(1, now.atOffset(ZoneOffset.UTC));
        for (int i = 0; i < skip.size(); i++) {
            query.setParameter(i + 2, skip.get(i).toString());
        }
        List<String> ids = new ArrayList<>();
        for (Object row : query.getResultList()) {
            ids.add(row instanceof Object[] a ? a[0].toString() : row.toString());
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        List<DeliveryTask> tasks = new ArrayList<>(entityManager.createNamedQuery(DeliveryTask.BY_IDS,
                DeliveryTask.class).setParameter("ids", ids).getResultList());
        tasks.removeIf(t -> !t.isClaimable(now));
        tasks.forEach(t -> t.claim(node, now, lease));
        tasks.sort(Comparator.comparing(DeliveryTask::nextAttemptAt));
        entityManager.flush();
        return tasks;
    }

    @Override
    public List<DeliveryTask> queueOf(UUID endpointId, Set<DeliveryStatus> statuses, int first, int max) {
        return entityManager.createNamedQuery(DeliveryTask.QUEUE_OF_ENDPOINT, DeliveryTask.class)
                .setParameter("endpoint", endpointId.toString())
                .setParameter("statuses", List.copyOf(statuses))
                .setFirstResult(first).setMaxResults(max)
                .getResultList();
    }

    @Override
    public long countQueueOf(UUID endpointId, Set<DeliveryStatus> statuses) {
        return entityManager.createNamedQuery(DeliveryTask.COUNT_QUEUE_OF_ENDPOINT, Long.class)
                .setParameter("endpoint", endpointId.toString())
                .setParameter("statuses", List.copyOf(statuses))
                .getSingleResult();
    }

    @Override
    public List<QueueCount> counts(Set<DeliveryStatus> statuses) {
        return entityManager.createNamedQuery(DeliveryTask.COUNT_BY_ENDPOINT_AND_STATUS, Object[].class)
                .setParameter("statuses", List.copyOf(statuses))
                .getResultList().stream()
                .map(r -> new QueueCount(UUID.fromString((String) r[0]), (DeliveryStatus) r[1],
                        ((Number) r[2]).longValue()))
                .toList();
    }

    @Override
    public boolean hasUndone(UUID visitId) {
        return entityManager.createNamedQuery(DeliveryTask.UNDONE_OF_VISIT, Long.class)
                .setParameter("visit", visitId.toString())
                .setParameter("statuses", List.copyOf(DeliveryStatus.UNDONE))
                .getSingleResult() > 0;
    }

    @Override
    public List<DeliveryTask> ofVisit(UUID visitId) {
        return entityManager.createNamedQuery(DeliveryTask.OF_VISIT, DeliveryTask.class)
                .setParameter("visit", visitId.toString()).getResultList();
    }

    @Override
    public List<DeliveryAttempt> attempts(UUID taskId) {
        return entityManager.createNamedQuery(DeliveryAttempt.OF_TASK, DeliveryAttempt.class)
                .setParameter("task", taskId.toString()).getResultList();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
