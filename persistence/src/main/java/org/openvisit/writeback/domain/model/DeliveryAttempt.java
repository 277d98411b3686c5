package org.openvisit.writeback.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of a delivery task's history: an attempt (which node, when, how long, how it ended and why,
 * in plain words) or a portal action (who retried or discarded it). Made by {@link DeliveryTask} only;
 * never changed.
 */
@Entity
@Table(name = "writeback_attempt")
@NamedQuery(name = DeliveryAttempt.OF_TASK,
        query = "select a from DeliveryAttempt a where a.taskId = :task order by a.startedAt, a.number")
@NamedQuery(name = DeliveryAttempt.DELETE_OF_TASKS, query = "delete from DeliveryAttempt a where a.taskId in :ids")
public class DeliveryAttempt {

    public static final String OF_TASK = "DeliveryAttempt.ofTask";
    public static final String DELETE_OF_TASKS = "DeliveryAttempt.deleteOfTasks";
    public static final int MAX_ACTOR_LENGTH = 255;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "task_id", length = 36, nullable = false, updatable = false)
    private String taskId;

    @Column(name = "attempt_no", nullable = false, updatable = false)
    private int number;

    @Column(name = "actor", length = MAX_ACTOR_LENGTH, nullable = false, updatable = false)
    private String actor;

    @Column(name = "started_at", nullable = false, updatable = false)
    private Instant startedAt;

    @Column(name = "duration_ms", nullable = false, updatable = false)
    private long durationMillis;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", length = 16, nullable = false, updatable = false)
    private AttemptOutcome outcome;

    @Column(name = "error", length = DeliveryTask.MAX_ERROR_LENGTH, updatable = false)
    private String error;

    protected DeliveryAttempt() {
        // for JPA
    }

    DeliveryAttempt(DeliveryTask task, int number, String actor, Instant startedAt, Instant endedAt,
                    AttemptOutcome outcome, String error) {
        this.id = UUID.randomUUID().toString();
        this.taskId = task.id().toString();
        this.number = number;
        this.actor = actor.length() > MAX_ACTOR_LENGTH ? actor.substring(0, MAX_ACTOR_LENGTH) : actor;
        this.startedAt = startedAt;
        this.durationMillis = Math.max(0, Duration.between(startedAt, endedAt).toMillis());
        this.outcome = outcome;
        this.error = error;
    }

    public UUID taskId() {
        return UUID.fromString(taskId);
    }

    public int number() {
        return number;
    }

    public String actor() {
        return actor;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public long durationMillis() {
        return durationMillis;
    }

    public AttemptOutcome outcome() {
        return outcome;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }
}
