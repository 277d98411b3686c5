package org.openvisit.region.domain.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.ConflictException;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An operator's move of one organization's regional data to another region (issue 18), kept in the global store so
 * that any node can go on with it after a crash: {@code REQUESTED → COPYING → VERIFIED → SWITCHED → CLEANED}, or
 * {@code FAILED} with its reason before the switch. Every transition is checked ({@link RegionMoveState#next()}) and
 * appends a history step. A node works on a move only while it holds its lease ({@link #take}).
 */
@Entity
@Table(name = "region_move")
@NamedQuery(name = RegionMove.UNFINISHED, query = "select m from RegionMove m"
        + " where m.activeOrganizationId is not null order by m.requestedAt, m.id")
@NamedQuery(name = RegionMove.RECENT, query = "select m from RegionMove m order by m.requestedAt desc, m.id")
@NamedQuery(name = RegionMove.OF_ORGANIZATION, query = "select m from RegionMove m"
        + " where m.organizationId = :organizationId order by m.requestedAt desc, m.id")
public class RegionMove {

    public static final String UNFINISHED = "RegionMove.unfinished";
    public static final String OF_ORGANIZATION = "RegionMove.ofOrganization";
    public static final String RECENT = "RegionMove.recent";
    private static final int MAX_TEXT = 500;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    /** The organization while the move is unfinished (unique: one move at a time), null once it is finished. */
    @Column(name = "active_organization_id", length = 36)
    private String activeOrganizationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_region", length = 16, nullable = false, updatable = false)
    private DataRegion from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_region", length = 16, nullable = false, updatable = false)
    private DataRegion to;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", length = 16, nullable = false)
    private RegionMoveState state;

    @Column(name = "requested_by", length = 508, nullable = false, updatable = false)
    private String requestedBy;

    @Column(name = "requested_at", nullable = false, updatable = false)
    private Instant requestedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "reason", length = MAX_TEXT)
    private String reason;

    @Column(name = "last_error", length = MAX_TEXT)
    private String lastError;

    @Column(name = "worker", length = 64)
    private String worker;

    @Column(name = "lease_until")
    private Instant leaseUntil;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "region_move_step", joinColumns = @JoinColumn(name = "move_id"))
    @OrderBy("sequence ASC")
    private List<RegionMoveStep> history = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "region_move_table", joinColumns = @JoinColumn(name = "move_id"))
    private List<TableCheck> checks = new ArrayList<>();

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected RegionMove() {
        // for JPA
    }

    private RegionMove(UUID organizationId, DataRegion from, DataRegion to, String operator, Instant at) {
        this.id = UUID.randomUUID().toString();
        this.organizationId = organizationId.toString();
        this.activeOrganizationId = this.organizationId;
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.requestedBy = Objects.requireNonNull(operator, "operator");
        this.requestedAt = at;
        this.updatedAt = at;
        this.state = RegionMoveState.REQUESTED;
        history.add(new RegionMoveStep(1, null, RegionMoveState.REQUESTED, operator, at,
                "Move from " + from + " to " + to + " requested."));
    }

    /**
     * An operator asks for the organization's data to move from its region to {@code to}.
     *
     * @throws ConflictException the organization is in that region already
     */
    public static RegionMove request(UUID organizationId, DataRegion from, DataRegion to, String operator, Instant at) {
        Objects.requireNonNull(organizationId, "organizationId");
        if (from == to) {
            throw new ConflictException("The organization's data lives in the " + to + " region already.")
                    .worded("region.already");
        }
        return new RegionMove(organizationId, from, to, operator, at);
    }

    /**
     * Takes (or keeps) the move for {@code node} until {@code now + lease}: when nobody holds it, this node does, or the
     * holder's lease ran out (it crashed). A finished move is never taken.
     */
    public boolean take(String node, Instant now, Duration lease) {
        if (state.isFinished()) {
            return false;
        }
        if (worker != null && !worker.equals(node) && leaseUntil != null && now.isBefore(leaseUntil)) {
            return false;
        }
        worker = node;
        leaseUntil = now.plus(lease);
        return true;
    }

    /** Gives the lease back (the node stops, or waits for something). */
    public void release(String node) {
        if (node.equals(worker)) {
            leaseUntil = null;
        }
    }

    /**
     * An operator resumes a move whose node is gone (it crashed or was stopped while it held the lease): the lease is
     * released at once, so that the next node to look (every five seconds) goes on from the last committed step instead
     * of waiting for the lease to run out. Recorded in the history as a step from the state to itself. Should the old
     * node in fact still be working, its next step is refused ({@link #requireWorker}) and the new node's copy is made
     * again from the start.
     *
     * @throws ConflictException the move is finished
     */
    public void resume(String operator, Instant at) {
        Objects.requireNonNull(operator, "operator");
        if (state.isFinished()) {
            throw new ConflictException("The move is " + state + ": there is nothing to resume.");
        }
        String held = worker == null ? "No node held the move"
                : "The lease of node " + worker + (leaseUntil == null ? " (given back)" : " (until " + leaseUntil + ")")
                + " was released";
        history.add(new RegionMoveStep(history.size() + 1, state, state, operator, at,
                clip("Resumed by " + operator + ". " + held + "; the next node goes on from " + state + ".")));
        worker = null;
        leaseUntil = null;
        updatedAt = at;
        lastError = null;
    }

    /**
     * @throws IllegalStateException {@code node} no longer holds the move (an operator resumed it elsewhere): its step
     *                               is not recorded
     */
    public void requireWorker(String node) {
        if (!Objects.equals(worker, node)) {
            throw new IllegalStateException("Node " + node + " no longer holds the move " + id
                    + " (resumed by an operator; " + (worker == null ? "no node" : worker) + " holds it now).");
        }
    }

    /** REQUESTED → COPYING; a move that is COPYING already (a node resumes it after a crash) stays so. */
    public void startCopying(String actor, Instant at) {
        if (state == RegionMoveState.COPYING) {
            return;
        }
        go(RegionMoveState.COPYING, actor, at, "Copying to " + to + ".");
    }

    /**
     * Records what the verification saw per table; COPYING → VERIFIED when every table matches, FAILED (naming the
     * tables that differ) otherwise.
     *
     * @return whether every table matched
     */
    public boolean verify(List<TableCheck> seen, String actor, Instant at) {
        requireState(RegionMoveState.COPYING, RegionMoveState.VERIFIED);
        checks.clear();
        checks.addAll(seen);
        List<String> differ = seen.stream().filter(c -> !c.matches())
                .map(c -> c.table() + " (" + c.sourceRows() + " rows in " + from + ", " + c.targetRows() + " in " + to
                        + (c.sourceRows() == c.targetRows() ? ", checksums differ" : "") + ")")
                .toList();
        if (differ.isEmpty()) {
            long rows = seen.stream().mapToLong(TableCheck::sourceRows).sum();
            go(RegionMoveState.VERIFIED, actor, at, seen.size() + " tables, " + rows + " rows: counts and checksums match.");
            return true;
        }
        fail("The copy differs from the original: " + String.join(", ", differ) + ".", actor, at);
        return false;
    }

    /** VERIFIED → SWITCHED: from now on the organization's data lives in the new region. */
    public void switched(String actor, Instant at) {
        go(RegionMoveState.SWITCHED, actor, at, "The organization's region is now " + to + ".");
    }

    /** SWITCHED → CLEANED: the old region holds nothing of the organization any more. */
    public void cleaned(String actor, Instant at, long rowsDeleted) {
        go(RegionMoveState.CLEANED, actor, at, rowsDeleted + " rows deleted from " + from + ".");
        activeOrganizationId = null;
        worker = null;
        leaseUntil = null;
    }

    /** Before the switch: FAILED, with the reason, once the partial copy was deleted from the new region. */
    public void fail(String why, String actor, Instant at) {
        reason = clip(why);
        go(RegionMoveState.FAILED, actor, at, reason);
        activeOrganizationId = null;
        worker = null;
        leaseUntil = null;
    }

    /** Something went wrong that a later attempt may not meet (a store down): kept for the operator to see. */
    public void problem(String error, Instant at) {
        lastError = clip(error);
        updatedAt = at;
    }

    private void go(RegionMoveState next, String actor, Instant at, String detail) {
        if (!state.canGoTo(next)) {
            throw new IllegalMoveTransitionException(state, next);
        }
        history.add(new RegionMoveStep(history.size() + 1, state, next, actor, at, clip(detail)));
        state = next;
        updatedAt = at;
        lastError = null;
    }

    private void requireState(RegionMoveState expected, RegionMoveState next) {
        if (state != expected) {
            throw new IllegalMoveTransitionException(state, next);
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public DataRegion from() {
        return from;
    }

    public DataRegion to() {
        return to;
    }

    public RegionMoveState state() {
        return state;
    }

    public String requestedBy() {
        return requestedBy;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    public Optional<String> worker() {
        return Optional.ofNullable(worker);
    }

    public Optional<Instant> leaseUntil() {
        return Optional.ofNullable(leaseUntil);
    }

    public List<RegionMoveStep> history() {
        return Collections.unmodifiableList(history);
    }

    public List<TableCheck> checks() {
        return Collections.unmodifiableList(checks);
    }

    public long version() {
        return version;
    }
}
