package org.openvisit.writeback.domain.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Records the deliveries one node finished, several in the caller's one transaction (one commit for
 * all). Each task is locked and checked on its own: one that the node no longer holds (its lease ran
 * out and another node took it over) is refused and left as it is, and the others are recorded all
 * the same. Each recorded one lets its visit's next event through and, when asked and due, claims it
 * for the same node.
 */
public final class DeliveredTasks {

    /** A delivery the node finished: the task, when the attempt started and when it ended. */
    public record Finished(UUID taskId, Instant startedAt, Instant endedAt) {
    }

    /**
     * What became of a finished delivery: {@code recorded} (or refused: not this node's claim any more),
     * and the visit's next task when it was claimed for this node.
     */
    public record Outcome(UUID taskId, boolean recorded, DeliveryTask next) {
    }

    private final DeliveryTaskRepository tasks;

    public DeliveredTasks(DeliveryTaskRepository tasks) {
        this.tasks = Objects.requireNonNull(tasks, "tasks");
    }

    public List<Outcome> record(String node, List<Finished> finished, Instant now, Duration lease, boolean takeNext) {
        List<Outcome> outcomes = new ArrayList<>(finished.size());
        for (Finished f : finished) {
            DeliveryTask task = tasks.findForUpdate(f.taskId()).filter(t -> t.isClaimedBy(node)).orElse(null);
            if (task == null) {
                outcomes.add(new Outcome(f.taskId(), false, null));
                continue;
            }
            tasks.addAttempt(task.delivered(node, f.startedAt(), f.endedAt()));
            DeliveryTask next = tasks.next(task).filter(n -> n.letThrough(task)).orElse(null);
            if (next != null && takeNext && next.isClaimable(now)) {
                next.claim(node, now, lease);
            } else {
                next = null;
            }
            outcomes.add(new Outcome(f.taskId(), true, next));
        }
        return outcomes;
    }
}
