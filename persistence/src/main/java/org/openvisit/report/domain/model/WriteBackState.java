package org.openvisit.report.domain.model;

import org.openvisit.writeback.domain.model.DeliveryStatus;

import java.util.Collection;

/**
 * Where the write-back of a visit's events to the EHR stands, over all its delivery tasks: {@link #DEAD_LETTER} when
 * a task was given up (FAILED, waiting for an administrator), else {@link #PENDING} while one is still to go
 * (pending, in flight, retrying), else {@link #DISCARDED} when an administrator discarded one, else
 * {@link #DELIVERED}; {@link #NONE} when the visit had nothing to write back (no write-back for its endpoint).
 */
public enum WriteBackState {
    DELIVERED,
    PENDING,
    DEAD_LETTER,
    DISCARDED,
    NONE;

    /**
     * The state of these task statuses. Delivered tasks are deleted after a while: without tasks the state known
     * before ({@code before}) stays.
     */
    public static WriteBackState of(Collection<DeliveryStatus> tasks, WriteBackState before) {
        if (tasks.isEmpty()) {
            return before == null ? NONE : before;
        }
        if (tasks.contains(DeliveryStatus.FAILED)) {
            return DEAD_LETTER;
        }
        if (tasks.stream().anyMatch(DeliveryStatus.UNDONE::contains)) {
            return PENDING;
        }
        return tasks.contains(DeliveryStatus.DISCARDED) ? DISCARDED : DELIVERED;
    }
}
