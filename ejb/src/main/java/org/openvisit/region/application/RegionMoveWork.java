package org.openvisit.region.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.region.domain.model.RegionMove;
import org.openvisit.region.domain.model.RegionMoveRepository;
import org.openvisit.region.domain.model.TableCheck;
import org.openvisit.tenant.application.OrganizationNotFoundException;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The move's transactions, each short and in the global store alone (REQUIRES_NEW): taking its lease and each step of
 * its state machine. The switch changes the organization's region and the move's state in one transaction.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RegionMoveWork {

    @Inject
    private RegionMoveRepository moves;

    @Inject
    private OrganizationRepository organizations;

    private final Clock clock = Clock.systemUTC();

    public RegionMoveView add(RegionMove move) {
        moves.add(move);
        return RegionMoveView.of(move);
    }

    /** The move for this node until the lease runs out, or empty (another node holds it, or it is finished). */
    public Optional<RegionMoveView> take(UUID moveId, String node, Duration lease) {
        RegionMove move = move(moveId);
        return move.take(node, clock.instant(), lease) ? Optional.of(RegionMoveView.of(move)) : Optional.empty();
    }

    public void release(UUID moveId, String node) {
        move(moveId).release(node);
    }

    /**
     * An operator resumes a move whose node is gone: its lease is released for the next node (see
     * {@link RegionMove#resume}).
     *
     * @throws RegionMoveNotFoundException no such move
     */
    public RegionMoveView resume(UUID moveId, String operator) {
        RegionMove move = moves.find(moveId).orElseThrow(() -> new RegionMoveNotFoundException(moveId));
        move.resume(operator, clock.instant());
        return RegionMoveView.of(move);
    }

    public void startCopying(UUID moveId, String node) {
        held(moveId, node).startCopying(node, clock.instant());
    }

    /** @return whether every table matched (VERIFIED); FAILED with the tables that differ otherwise */
    public boolean verify(UUID moveId, String node, List<TableCheck> checks) {
        return held(moveId, node).verify(checks, node, clock.instant());
    }

    /** VERIFIED → SWITCHED together with the organization's region. */
    public void switchRegion(UUID moveId, String node) {
        RegionMove move = held(moveId, node);
        Organization organization = organizations.find(move.organizationId())
                .orElseThrow(() -> new OrganizationNotFoundException(move.organizationId()));
        organization.moveTo(move.to());
        move.switched(node, clock.instant());
    }

    public void cleaned(UUID moveId, String node, long rowsDeleted) {
        held(moveId, node).cleaned(node, clock.instant(), rowsDeleted);
    }

    public void fail(UUID moveId, String node, String reason) {
        held(moveId, node).fail(reason, node, clock.instant());
    }

    public void problem(UUID moveId, String error) {
        move(moveId).problem(error, clock.instant());
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<UUID> unfinished() {
        return moves.unfinished().stream().map(RegionMove::id).toList();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<RegionMoveView> find(UUID moveId) {
        return moves.find(moveId).map(RegionMoveView::of);
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<RegionMoveView> recent(int max) {
        return moves.recent(max).stream().map(RegionMoveView::of).toList();
    }

    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<RegionMoveView> ofOrganization(UUID organizationId) {
        return moves.ofOrganization(organizationId).stream().map(RegionMoveView::of).toList();
    }

    /** The move, while {@code node} still holds it (an operator may have resumed it on another node meanwhile). */
    private RegionMove held(UUID id, String node) {
        RegionMove move = move(id);
        move.requireWorker(node);
        return move;
    }

    private RegionMove move(UUID id) {
        return moves.find(id).orElseThrow(() -> new IllegalStateException("No region move " + id));
    }
}
