package org.openvisit.writeback.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The delivery of one visit event to the EHR (the outbox row): made in the transaction that records
 * the event, claimed by one node at a time with a lease, and moved along by its guarded transitions.
 * It holds what the EHR needs and nothing about the patient: the event's type, time and number, the
 * visit's EHR references sealed under the master key (cleared once the task is done), and the last
 * error in plain words.
 */
@Entity
@Table(name = "writeback_task")
@NamedQuery(name = DeliveryTask.BY_IDS, query = "select t from DeliveryTask t where t.id in :ids")
@NamedQuery(name = DeliveryTask.DELETE_BY_IDS, query = "delete from DeliveryTask t where t.id in :ids")
@NamedQuery(name = DeliveryTask.BY_EVENT, query = "select t from DeliveryTask t where t.eventId = :event")
@NamedQuery(name = DeliveryTask.BY_SEQUENCE,
        query = "select t from DeliveryTask t where t.visitId = :visit and t.sequence = :sequence")
@NamedQuery(name = DeliveryTask.OF_VISIT,
        query = "select t from DeliveryTask t where t.visitId = :visit order by t.sequence")
@NamedQuery(name = DeliveryTask.QUEUE_OF_ENDPOINT,
        query = "select t from DeliveryTask t where t.endpointId = :endpoint and t.status in :statuses"
                + " order by t.nextAttemptAt, t.visitId, t.sequence")
@NamedQuery(name = DeliveryTask.COUNT_QUEUE_OF_ENDPOINT,
        query = "select count(t) from DeliveryTask t where t.endpointId = :endpoint and t.status in :statuses")
@NamedQuery(name = DeliveryTask.COUNT_BY_ENDPOINT_AND_STATUS,
        query = "select t.endpointId, t.status, count(t) from DeliveryTask t where t.status in :statuses"
                + " group by t.endpointId, t.status")
@NamedQuery(name = DeliveryTask.UNDONE_OF_VISIT,
        query = "select count(t) from DeliveryTask t where t.visitId = :visit and t.status in :statuses")
@NamedQuery(name = DeliveryTask.DELIVERED_OF_ENDPOINT,
        query = "select t from DeliveryTask t where t.endpointId = :endpoint and t.status = :status"
                + " order by t.deliveredAt desc, t.visitId, t.sequence desc")
@NamedQuery(name = DeliveryTask.COUNT_DELIVERED_OF_ENDPOINT,
        query = "select count(t) from DeliveryTask t where t.endpointId = :endpoint and t.status = :status")
@NamedQuery(name = DeliveryTask.DELIVERED_OF_VISIT,
        query = "select t from DeliveryTask t where t.endpointId = :endpoint and t.status = :status"
                + " and t.visitId = :visit order by t.sequence desc")
@NamedQuery(name = DeliveryTask.COUNT_DELIVERED_OF_VISIT,
        query = "select count(t) from DeliveryTask t where t.endpointId = :endpoint and t.status = :status"
                + " and t.visitId = :visit")
@NamedQuery(name = DeliveryTask.LAST_DELIVERED,
        query = "select t.deliveredAt from DeliveryTask t where t.endpointId = :endpoint and t.status = :status"
                + " order by t.deliveredAt desc")
public class DeliveryTask {

    public static final String BY_IDS = "DeliveryTask.byIds";
    public static final String DELETE_BY_IDS = "DeliveryTask.deleteByIds";
    public static final String BY_EVENT = "DeliveryTask.byEvent";
    public static final String BY_SEQUENCE = "DeliveryTask.bySequence";
    public static final String OF_VISIT = "DeliveryTask.ofVisit";
    public static final String QUEUE_OF_ENDPOINT = "DeliveryTask.queueOfEndpoint";
    public static final String COUNT_QUEUE_OF_ENDPOINT = "DeliveryTask.countQueueOfEndpoint";
    public static final String COUNT_BY_ENDPOINT_AND_STATUS = "DeliveryTask.countByEndpointAndStatus";
    public static final String UNDONE_OF_VISIT = "DeliveryTask.undoneOfVisit";
    public static final String DELIVERED_OF_ENDPOINT = "DeliveryTask.deliveredOfEndpoint";
    public static final String COUNT_DELIVERED_OF_ENDPOINT = "DeliveryTask.countDeliveredOfEndpoint";
    public static final String DELIVERED_OF_VISIT = "DeliveryTask.deliveredOfVisit";
    public static final String COUNT_DELIVERED_OF_VISIT = "DeliveryTask.countDeliveredOfVisit";
    public static final String LAST_DELIVERED = "DeliveryTask.lastDelivered";
    public static final int MAX_ERROR_LENGTH = 500;
    public static final int MAX_NODE_LENGTH = 64;
    public static final int MAX_EHR_CONTEXT_LENGTH = 2000;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "event_id", length = 36, nullable = false, updatable = false)
    private String eventId;

    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "sequence_no", nullable = false, updatable = false)
    private long sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", length = 24, nullable = false, updatable = false)
    private VisitEventType eventType;

    @Enumerated(EnumType.STRING)
    @Column(name = "attendee_role", length = 16, updatable = false)
    private AttendeeRole attendeeRole;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "ehr_context", length = MAX_EHR_CONTEXT_LENGTH)
    private String ehrContext;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private DeliveryStatus status;

    @Column(name = "attempts", nullable = false)
    private int attempts;

    @Column(name = "last_error", length = MAX_ERROR_LENGTH)
    private String lastError;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(name = "claimed_by", length = MAX_NODE_LENGTH)
    private String claimedBy;

    @Column(name = "claim_until")
    private Instant claimUntil;

    /** Waits behind an earlier event of its visit that is not delivered or discarded yet (order per visit). */
    @Column(name = "held_back", nullable = false)
    private boolean heldBack;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected DeliveryTask() {
        // for JPA
    }

    private DeliveryTask(UUID eventId, UUID visitId, UUID endpointId, UUID organizationId, long sequence,
                         VisitEventType type, AttendeeRole role, Instant occurredAt, String sealedEhrContext,
                         Instant at) {
        // the task's id names its visit's region, so that a task reached by id alone finds its store
        this.id = org.openvisit.tenant.domain.model.DataRegion.ofRecordId(visitId)
                .map(org.openvisit.tenant.domain.model.DataRegion::newRecordId).orElseGet(UUID::randomUUID).toString();
        this.eventId = Objects.requireNonNull(eventId, "eventId").toString();
        this.visitId = Objects.requireNonNull(visitId, "visitId").toString();
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId").toString();
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        if (sequence < 1) {
            throw new IllegalArgumentException("An event's number starts at 1.");
        }
        this.sequence = sequence;
        this.eventType = Objects.requireNonNull(type, "type");
        this.attendeeRole = role;
        this.occurredAt = Objects.requireNonNull(occurredAt, "occurredAt");
        if (sealedEhrContext != null && sealedEhrContext.length() > MAX_EHR_CONTEXT_LENGTH) {
            throw new IllegalArgumentException("The sealed EHR context is longer than " + MAX_EHR_CONTEXT_LENGTH);
        }
        this.ehrContext = sealedEhrContext;
        this.status = DeliveryStatus.PENDING;
        this.nextAttemptAt = Objects.requireNonNull(at, "at");
        this.createdAt = at;
    }

    /** The delivery of a visit event that was just recorded; due at once. */
    public static DeliveryTask forEvent(UUID eventId, UUID visitId, UUID endpointId, UUID organizationId,
                                        long sequence, VisitEventType type, AttendeeRole role, Instant occurredAt,
                                        String sealedEhrContext, Instant at) {
        return new DeliveryTask(eventId, visitId, endpointId, organizationId, sequence, type, role, occurredAt,
                sealedEhrContext, at);
    }

    /**
     * Queues a new task behind the visit's previous event: held back (not claimable) while that one is not
     * delivered or discarded. The caller holds the previous task's row lock, so that its outcome cannot
     * commit unseen in between (see {@link #letThrough}).
     */
    public void queueBehind(DeliveryTask previous) {
        requireNext(previous);
        if (status != DeliveryStatus.PENDING || attempts > 0) {
            throw new IllegalDeliveryTransitionException(status, "queued behind an earlier event");
        }
        heldBack = !previous.status.isFinal();
    }

    /**
     * The visit's previous event is done (delivered or discarded): this one may be claimed now.
     *
     * @return whether it was held back until now
     */
    public boolean letThrough(DeliveryTask previous) {
        requireNext(previous);
        if (!previous.status.isFinal()) {
            throw new IllegalDeliveryTransitionException(previous.status, "let the next event through");
        }
        boolean was = heldBack;
        heldBack = false;
        return was;
    }

    private void requireNext(DeliveryTask previous) {
        if (!previous.visitId.equals(visitId) || previous.sequence != sequence - 1) {
            throw new IllegalArgumentException("Task " + previous.id + " is not the one before " + id + " in its visit.");
        }
    }

    private void move(DeliveryStatus next, String action) {
        if (!status.canMoveTo(next)) {
            throw new IllegalDeliveryTransitionException(status, action);
        }
        status = next;
    }

    /** Whether a relay may claim it now: waiting and due, or in flight on a node whose lease ran out. */
    public boolean isClaimable(Instant now) {
        return switch (status) {
            case PENDING -> !heldBack && !nextAttemptAt.isAfter(now);
            case RETRYING -> !nextAttemptAt.isAfter(now);
            case IN_FLIGHT -> claimUntil == null || !claimUntil.isAfter(now);
            default -> false;
        };
    }

    /**
     * A node takes the task for a delivery attempt until {@code now + lease}; another node may take it
     * only after that (when this node died mid-delivery).
     *
     * @throws IllegalDeliveryTransitionException it is not due, or another node's lease still runs
     */
    public void claim(String node, Instant now, Duration lease) {
        Objects.requireNonNull(node, "node");
        if (!isClaimable(now)) {
            throw new IllegalDeliveryTransitionException(status, status == DeliveryStatus.IN_FLIGHT
                    ? "claimed while " + claimedBy + " holds it" : "claimed now");
        }
        move(DeliveryStatus.IN_FLIGHT, "claimed");
        claimedBy = node.length() > MAX_NODE_LENGTH ? node.substring(0, MAX_NODE_LENGTH) : node;
        claimUntil = now.plus(lease);
    }

    /** Whether {@code node} holds the claim (only the holder records an outcome). */
    public boolean isClaimedBy(String node) {
        return status == DeliveryStatus.IN_FLIGHT && Objects.equals(claimedBy, node);
    }

    private void checkHolder(String node, String action) {
        if (status != DeliveryStatus.IN_FLIGHT || !Objects.equals(claimedBy, node)) {
            throw new IllegalDeliveryTransitionException(status, action + " by " + node
                    + (claimedBy == null ? "" : " (held by " + claimedBy + ")"));
        }
    }

    /** The EHR has it: done. Clears the EHR references kept for it. */
    public DeliveryAttempt delivered(String node, Instant startedAt, Instant at) {
        checkHolder(node, "marked delivered");
        move(DeliveryStatus.DELIVERED, "marked delivered");
        attempts++;
        deliveredAt = at;
        lastError = null;
        release();
        ehrContext = null;
        return new DeliveryAttempt(this, attempts, node, startedAt, at, AttemptOutcome.DELIVERED, null);
    }

    /** A passing failure: tried again at {@code nextAt}. */
    public DeliveryAttempt retryLater(String node, Instant startedAt, Instant at, String error, Instant nextAt) {
        checkHolder(node, "put back for a retry");
        move(DeliveryStatus.RETRYING, "put back for a retry");
        attempts++;
        lastError = clean(error);
        nextAttemptAt = Objects.requireNonNull(nextAt, "nextAt");
        release();
        return new DeliveryAttempt(this, attempts, node, startedAt, at, AttemptOutcome.RETRY, lastError);
    }

    /** A failure that trying again will not fix, or the last allowed attempt: a dead letter for the portal. */
    public DeliveryAttempt fail(String node, Instant startedAt, Instant at, String error) {
        checkHolder(node, "marked failed");
        move(DeliveryStatus.FAILED, "marked failed");
        attempts++;
        lastError = clean(error);
        release();
        return new DeliveryAttempt(this, attempts, node, startedAt, at, AttemptOutcome.FAILED, lastError);
    }

    /**
     * The node gives the task back without having tried (its endpoint's circuit is open, or the node is
     * stopping): due again at {@code nextAt}, the attempt not counted.
     */
    public void release(String node, Instant nextAt) {
        checkHolder(node, "given back");
        status = attempts == 0 ? DeliveryStatus.PENDING : DeliveryStatus.RETRYING;
        nextAttemptAt = Objects.requireNonNull(nextAt, "nextAt");
        release();
    }

    /** Someone asks in the portal to try a dead letter again: due at once, with a fresh count of attempts. */
    public DeliveryAttempt requeue(String actor, Instant at) {
        move(DeliveryStatus.PENDING, "tried again");
        nextAttemptAt = at;
        int number = attempts + 1;
        attempts = 0;
        return new DeliveryAttempt(this, number, actor, at, at, AttemptOutcome.REQUEUED, null);
    }

    /** Someone drops a dead letter in the portal: it is never delivered (only dead letters, so the visit's order holds). */
    public DeliveryAttempt discard(String actor, Instant at) {
        move(DeliveryStatus.DISCARDED, "discarded");
        ehrContext = null;
        release();
        return new DeliveryAttempt(this, attempts + 1, actor, at, at, AttemptOutcome.DISCARDED, null);
    }

    private void release() {
        claimedBy = null;
        claimUntil = null;
    }

    /** Plain words only, short, one line. */
    static String clean(String error) {
        if (error == null || error.isBlank()) {
            return "The delivery failed without saying why.";
        }
        String e = error.replaceAll("\\p{Cntrl}", " ").strip();
        return e.length() > MAX_ERROR_LENGTH ? e.substring(0, MAX_ERROR_LENGTH) : e;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID eventId() {
        return UUID.fromString(eventId);
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public long sequence() {
        return sequence;
    }

    public VisitEventType eventType() {
        return eventType;
    }

    public Optional<AttendeeRole> attendeeRole() {
        return Optional.ofNullable(attendeeRole);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Optional<String> sealedEhrContext() {
        return Optional.ofNullable(ehrContext);
    }

    public DeliveryStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public Optional<String> claimedBy() {
        return Optional.ofNullable(claimedBy);
    }

    public Optional<Instant> claimUntil() {
        return Optional.ofNullable(claimUntil);
    }

    /** Whether it waits behind an earlier event of its visit. */
    public boolean isHeldBack() {
        return heldBack;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> deliveredAt() {
        return Optional.ofNullable(deliveredAt);
    }

    public long version() {
        return version;
    }
}
