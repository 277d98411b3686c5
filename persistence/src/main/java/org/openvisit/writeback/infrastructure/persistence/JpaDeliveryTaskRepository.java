package org.openvisit.writeback.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import org.openvisit.region.domain.model.RegionGuard;
import org.openvisit.tenant.domain.model.DataRegion;
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

/** Obtained per region from {@link org.openvisit.region.infrastructure.persistence.JpaRegionalStores}, never injected. */
public class JpaDeliveryTaskRepository implements DeliveryTaskRepository {

    /**
     * Due tasks of one waiting status, soonest first, locked without waiting for rows another claimer
     * holds. Held-back tasks (an earlier event of their visit is undone) are not due, so the scan reads
     * the index (status, held_back, next_attempt_at) in order and stops after the batch: its cost follows
     * the batch, not the backlog, with any plan (a plan PostgreSQL cached while the table was small, a
     * table never analysed).
     */
    private static final String CLAIM_WAITING = """
            SELECT t.id FROM writeback_task t
             WHERE t.status = ?2 AND t.held_back = FALSE AND t.next_attempt_at <= ?1
               %s
             ORDER BY t.next_attempt_at
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    /**
     * Tasks whose node let its lease run out (it died mid-delivery). Never held back: a task is claimed
     * only once the one before it is done.
     */
    private static final String CLAIM_EXPIRED = """
            SELECT t.id FROM writeback_task t
             WHERE t.status = 'IN_FLIGHT' AND t.claim_until <= ?1
               %s
             ORDER BY t.claim_until
             FETCH FIRST %d ROWS ONLY
             FOR UPDATE SKIP LOCKED""";

    private final EntityManager entityManager;
    private final RegionGuard guard;

    /** On the regional store of {@code region}: a row of another region is refused before it is written. */
    public JpaDeliveryTaskRepository(EntityManager entityManager, DataRegion region) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.of(region);
    }

    /** Outside the container (tests, tools) with an EntityManager the caller manages, on a store of no set region. */
    public JpaDeliveryTaskRepository(EntityManager entityManager) {
        this.entityManager = entityManager;
        this.guard = RegionGuard.NONE;
    }

    @Override
    public void add(DeliveryTask task) {
        guard.require(task.visitId(), "write-back task");
        entityManager.persist(task);
        entityManager.flush();
    }

    @Override
    public void addAttempt(DeliveryAttempt attempt) {
        guard.require(attempt.taskId(), "write-back attempt");
        entityManager.persist(attempt);
    }

    @Override
    public Optional<DeliveryTask> find(UUID id) {
        return Optional.ofNullable(entityManager.find(DeliveryTask.class, id.toString()));
    }

    @Override
    public Optional<DeliveryTask> findForUpdate(UUID id) {
        return Optional.ofNullable(entityManager.find(DeliveryTask.class, id.toString(), LockModeType.PESSIMISTIC_WRITE));
    }

    @Override
    public Optional<DeliveryTask> findByEvent(UUID eventId) {
        return entityManager.createNamedQuery(DeliveryTask.BY_EVENT, DeliveryTask.class)
                .setParameter("event", eventId.toString()).getResultStream().findFirst();
    }

    @Override
    public Optional<DeliveryTask> previousForUpdate(UUID visitId, long sequence) {
        return entityManager.createNamedQuery(DeliveryTask.BY_SEQUENCE, DeliveryTask.class)
                .setParameter("visit", visitId.toString()).setParameter("sequence", sequence - 1)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().findFirst();
    }

    @Override
    public Optional<DeliveryTask> next(DeliveryTask done) {
        // the done task's update first: it waits for an outbox transaction that locked the row to queue
        // the next one behind it, so that the query below (a new statement, a new snapshot) sees that one
        entityManager.flush();
        return entityManager.createNamedQuery(DeliveryTask.BY_SEQUENCE, DeliveryTask.class)
                .setParameter("visit", done.visitId().toString()).setParameter("sequence", done.sequence() + 1)
                .getResultStream().findFirst();
    }

    @Override
    public List<DeliveryTask> claimDue(String node, Instant now, Duration lease, int max,
                                       Collection<UUID> skipEndpoints) {
        List<String> ids = new ArrayList<>();
        ids.addAll(claimable(CLAIM_EXPIRED, null, now, max, skipEndpoints));
        ids.addAll(claimable(CLAIM_WAITING, DeliveryStatus.RETRYING, now, max - ids.size(), skipEndpoints));
        ids.addAll(claimable(CLAIM_WAITING, DeliveryStatus.PENDING, now, max - ids.size(), skipEndpoints));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<DeliveryTask> tasks = new ArrayList<>(entityManager.createNamedQuery(DeliveryTask.BY_IDS,
                DeliveryTask.class).setParameter("ids", ids).getResultList());
        // regions kept in one database (PostgreSQL without regional URLs) share this table: another region's task is
        // left to that region's own claim (a claim here would deliver it and then be refused its outcome)
        tasks.removeIf(t -> !t.isClaimable(now) || !guard.admits(t.id()) || !guard.admits(t.visitId()));
        tasks.forEach(t -> t.claim(node, now, lease));
        tasks.sort(Comparator.comparing(DeliveryTask::nextAttemptAt));
        entityManager.flush();
        return tasks;
    }

    /** Ids of up to {@code max} claimable rows, locked (one index range scan). */
    private List<String> claimable(String sql, DeliveryStatus status, Instant now, int max,
                                   Collection<UUID> skipEndpoints) {
        if (max < 1) {
            return List.of();
        }
        List<UUID> skip = List.copyOf(skipEndpoints);
        int first = status == null ? 2 : 3;
        StringBuilder notIn = new StringBuilder();
        if (!skip.isEmpty()) {
            notIn.append("AND t.endpoint_id NOT IN (");
            for (int i = 0; i < skip.size(); i++) {
                notIn.append(i == 0 ? "" : ", ").append('?').append(i + first);
            }
            notIn.append(')');
        }
        Query query = entityManager.createNativeQuery(sql.formatted(notIn, max))
                .setParameter(1, now.atOffset(ZoneOffset.UTC));
        if (status != null) {
            query.setParameter(2, status.name());
        }
        for (int i = 0; i < skip.size(); i++) {
            query.setParameter(i + first, skip.get(i).toString());
        }
        List<String> ids = new ArrayList<>();
        for (Object row : query.getResultList()) {
            ids.add(row instanceof Object[] a ? a[0].toString() : row.toString());
        }
        return ids;
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
    public List<DeliveryTask> deliveredOf(UUID endpointId, UUID visitId, int first, int max) {
        var query = entityManager.createNamedQuery(visitId == null ? DeliveryTask.DELIVERED_OF_ENDPOINT
                        : DeliveryTask.DELIVERED_OF_VISIT, DeliveryTask.class)
                .setParameter("endpoint", endpointId.toString())
                .setParameter("status", DeliveryStatus.DELIVERED);
        if (visitId != null) {
            query.setParameter("visit", visitId.toString());
        }
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    @Override
    public long countDeliveredOf(UUID endpointId, UUID visitId) {
        var query = entityManager.createNamedQuery(visitId == null ? DeliveryTask.COUNT_DELIVERED_OF_ENDPOINT
                        : DeliveryTask.COUNT_DELIVERED_OF_VISIT, Long.class)
                .setParameter("endpoint", endpointId.toString())
                .setParameter("status", DeliveryStatus.DELIVERED);
        if (visitId != null) {
            query.setParameter("visit", visitId.toString());
        }
        return query.getSingleResult();
    }

    @Override
    public Optional<Instant> lastDeliveredAt(UUID endpointId) {
        return entityManager.createNamedQuery(DeliveryTask.LAST_DELIVERED, Instant.class)
                .setParameter("endpoint", endpointId.toString())
                .setParameter("status", DeliveryStatus.DELIVERED)
                .setMaxResults(1).getResultStream().findFirst();
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
    public int purgeDelivered(Instant before, int max) {
        if (max < 1) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object> rows = entityManager.createNativeQuery("""
                SELECT t.id FROM writeback_task t
                 WHERE t.status = 'DELIVERED' AND t.delivered_at < ?1
                   AND t.delivered_at < (SELECT MAX(l.delivered_at) FROM writeback_task l
                                          WHERE l.endpoint_id = t.endpoint_id AND l.status = 'DELIVERED')
                 FETCH FIRST %d ROWS ONLY
                 FOR UPDATE SKIP LOCKED""".formatted(max))
                .setParameter(1, utc(before)).getResultList();
        List<String> ids = rows.stream().map(r -> r instanceof Object[] a ? a[0].toString() : r.toString()).toList();
        if (ids.isEmpty()) {
            return 0;
        }
        entityManager.createNamedQuery(DeliveryAttempt.DELETE_OF_TASKS).setParameter("ids", ids).executeUpdate();
        return entityManager.createNamedQuery(DeliveryTask.DELETE_BY_IDS).setParameter("ids", ids).executeUpdate();
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
