package org.openvisit.writeback.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The outbox: delivery tasks and their history. */
public interface DeliveryTaskRepository {

    /** Stores a new task and flushes: a second task for the same event fails here. */
    void add(DeliveryTask task);

    /** Stores a history row made by the task. */
    void addAttempt(DeliveryAttempt attempt);

    Optional<DeliveryTask> find(UUID id);

    Optional<DeliveryTask> findByEvent(UUID eventId);

    /** The task with its row locked until the caller's transaction ends (nobody changes it meanwhile). */
    Optional<DeliveryTask> findForUpdate(UUID id);

    /**
     * The task of the visit's event before {@code sequence}, its row locked until the caller's transaction
     * ends: a new task is queued behind it (held back while it is undone), and its outcome, which lets the
     * next one through, cannot commit in between unseen.
     */
    Optional<DeliveryTask> previousForUpdate(UUID visitId, long sequence);

    /**
     * The task of the visit's event after {@code done}, to let it through once {@code done} is delivered
     * or discarded. Writes the caller's changes first (waiting for an outbox transaction that holds
     * {@code done}'s row), so that a next task committed meanwhile is found.
     */
    Optional<DeliveryTask> next(DeliveryTask done);

    /**
     * Claims up to {@code max} due tasks for {@code node} with a lease, inside the caller's transaction,
     * so that no two nodes (or threads) claim the same task: due rows are locked with
     * {@code FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 2.2 both have it; rows another claimer holds are
     * skipped, not waited for), then claimed through {@link DeliveryTask#claim}, whose version check
     * guards once more. A task is due when it waits and its time has come, or when the node holding it
     * let its lease run out (those first, then retries, then new ones). A task is never due while it is
     * held back behind an earlier event of the same visit that is not delivered or discarded (order per
     * visit). Tasks of {@code skipEndpoints} (open circuits) are left.
     */
    List<DeliveryTask> claimDue(String node, Instant now, Duration lease, int max, Collection<UUID> skipEndpoints);

    /** An endpoint's tasks in these statuses, soonest first; {@code first} is the index of the first row. */
    List<DeliveryTask> queueOf(UUID endpointId, Set<DeliveryStatus> statuses, int first, int max);

    long countQueueOf(UUID endpointId, Set<DeliveryStatus> statuses);

    /**
     * An endpoint's delivered tasks, the latest delivered first; of one visit only (its events, latest first) when
     * {@code visitId} is given. {@code first} is the index of the first row.
     */
    List<DeliveryTask> deliveredOf(UUID endpointId, UUID visitId, int first, int max);

    long countDeliveredOf(UUID endpointId, UUID visitId);

    /**
     * When the endpoint's EHR last took a write-back, if it ever did: the retention ({@link #purgeDelivered}) always
     * keeps each endpoint's latest delivered task, so this outlives it.
     */
    Optional<Instant> lastDeliveredAt(UUID endpointId);

    /** Counts per endpoint and status, for these statuses. */
    List<QueueCount> counts(Set<DeliveryStatus> statuses);

    /** Whether the visit still has tasks that are not delivered or discarded. */
    boolean hasUndone(UUID visitId);

    /** The visit's tasks in its order. */
    List<DeliveryTask> ofVisit(UUID visitId);

    /**
     * Deletes up to {@code max} tasks delivered before {@code before}, with their history (retention).
     * Dead letters, discarded tasks and anything undone are kept, and so is each endpoint's latest delivered task
     * (the time of its last delivery, {@link #lastDeliveredAt}).
     *
     * @return how many tasks were deleted
     */
    int purgeDelivered(Instant before, int max);

    /** A task's history, oldest first. */
    List<DeliveryAttempt> attempts(UUID taskId);
}
