package org.openvisit.region.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.region.domain.model.RegionMoveState;
import org.openvisit.region.domain.model.TableCheck;
import org.openvisit.region.infrastructure.persistence.RegionCopier;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.visit.application.EhrContextSeal;
import org.openvisit.writeback.application.WriteBackSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a move's steps on this node while it holds the move's lease: waits {@code openvisit.region-move.settle} (10 s)
 * after the request so that every node's relay and send job have seen the pause, refuses (FAILED) while the
 * organization has visits going on, waits while a relay still holds one of its write-back tasks, then copies and
 * verifies (plain JDBC on the two regional data sources, no transaction over both), verifies once more right before the
 * switch (copying again what changed meanwhile), switches the organization's region (global store), and deletes the
 * old region's rows. A node that crashes leaves the move where its last committed step
 * put it; the next node to take the lease goes on from there (a copy is made again from the start).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegionMoveRunner {

    private static final Logger LOG = Logger.getLogger(RegionMoveRunner.class.getName());
    static final Duration LEASE = Duration.ofMinutes(10);
    static final int COPY_ATTEMPTS = 3;

    @EJB
    private RegionMoveWork work;

    @EJB
    private OpenVisitDatabase database;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private EhrContextSeal seal;

    @Inject
    private WriteBackSettings settings;

    @Inject
    @ConfigProperty(name = "openvisit.region-move.settle", defaultValue = "PT10S")
    private Duration settle;

    @Inject
    @ConfigProperty(name = "openvisit.region-move.live-window", defaultValue = "PT12H")
    private Duration liveWindow;

    /**
     * A pause after each committed batch of the copy (none by default): spares a busy database at the price of a longer
     * move; the crash test uses it to kill a node in the middle of the copy.
     */
    @Inject
    @ConfigProperty(name = "openvisit.region-move.batch-pause", defaultValue = "PT0S")
    private Duration batchPause;

    private final Clock clock = Clock.systemUTC();

    /** The organization's visits going on in the region's store (not ended, opened within the live window). */
    public long liveVisits(DataRegion region, UUID organizationId) {
        try (Connection c = database.dataSource(region).getConnection()) {
            return RegionCopier.liveVisits(c, organizationId, clock.instant().minus(liveWindow));
        } catch (SQLException e) {
            throw new RegionUnavailableException(region, e);
        }
    }

    /** Takes the move's next steps, as far as it can go now. */
    public void run(UUID moveId) {
        String node = settings.node();
        Optional<RegionMoveView> taken;
        try {
            taken = work.take(moveId, node, LEASE);
        } catch (RuntimeException anotherNodeWasFirst) {
            return; // two nodes took the free lease at once: the other one's version won
        }
        if (taken.isEmpty()) {
            return;
        }
        RegionMoveView move = taken.get();
        try {
            step(move, node);
        } catch (SQLException | RuntimeException e) {
            String what = e.getClass().getSimpleName() + ": " + e.getMessage();
            LOG.log(Level.WARNING, "The move of organization " + move.organizationId() + " from " + move.from()
                    + " to " + move.to() + " stopped in " + move.state() + " and is tried again: " + what);
            work.problem(moveId, what);
        } finally {
            work.release(moveId, node);
        }
    }

    private void step(RegionMoveView move, String node) throws SQLException {
        UUID id = move.id();
        RegionCopier copier = new RegionCopier(move.from(), move.to(), sealed()).withBatchPause(batchPause);
        RegionCopier.Scope scope = new RegionCopier.Scope(move.organizationId(),
                endpoints.findByOrganization(move.organizationId(), 0, 10_000).stream().map(FhirEndpoint::id).toList());
        RegionMoveState state = move.state();
        if (!database.isReady(move.from()) || !database.isReady(move.to())) {
            work.problem(id, "The " + (database.isReady(move.from()) ? move.to() : move.from())
                    + " store is not available now; the move waits for it.");
            return;
        }
        if (state == RegionMoveState.REQUESTED) {
            if (clock.instant().isBefore(move.requestedAt().plus(settle))) {
                return; // every node's relay and send job see the pause first
            }
            long live = liveVisits(move.from(), move.organizationId());
            if (live > 0) {
                work.fail(id, node, "The organization has " + live + " visits going on; move it when they ended.");
                return;
            }
            if (waitingForDeliveries(move)) {
                return;
            }
            work.startCopying(id, node);
            state = RegionMoveState.COPYING;
        }
        if (state == RegionMoveState.COPYING) {
            if (waitingForDeliveries(move)) {
                return;
            }
            List<TableCheck> checks = withStores(move, (source, target) -> {
                long copied = 0;
                List<TableCheck> seen = List.of();
                for (int attempt = 1; attempt <= COPY_ATTEMPTS; attempt++) {
                    // a row that changed while it was copied (a summary the report sweep made again): copy again
                    copied = copier.copy(source, target, scope);
                    seen = copier.verify(source, target, scope);
                    if (seen.stream().allMatch(TableCheck::matches)) {
                        break;
                    }
                }
                if (seen.stream().anyMatch(c -> !c.matches())) {
                    copier.clear(target, scope); // nothing of the failed copy stays behind to be drained
                }
                long rows = copied;
                LOG.info(() -> "Region move " + id + ": " + rows + " rows copied from " + move.from() + " to "
                        + move.to());
                return seen;
            });
            if (!work.verify(id, node, checks)) {
                return;
            }
            state = RegionMoveState.VERIFIED;
        }
        if (state == RegionMoveState.VERIFIED) {
            // the last look before the switch, still under the pause: a row the old region changed since the
            // verification (a report summary made again, an abandoned visit's event) is copied again, so that no
            // change is left behind in the old region (the clean-up after the switch only adds rows that are missing)
            List<TableCheck> last = withStores(move, (source, target) -> {
                List<TableCheck> seen = copier.verify(source, target, scope);
                for (int attempt = 1; attempt <= COPY_ATTEMPTS && seen.stream().anyMatch(c -> !c.matches());
                     attempt++) {
                    List<String> changed = seen.stream().filter(c -> !c.matches()).map(TableCheck::table).toList();
                    LOG.info(() -> "Region move " + id + ": " + changed + " changed in " + move.from()
                            + " after the verification; copied again before the switch");
                    copier.copy(source, target, scope);
                    seen = copier.verify(source, target, scope);
                }
                return seen;
            });
            if (last.stream().anyMatch(c -> !c.matches())) {
                work.problem(id, "The organization's rows in " + move.from() + " kept changing before the switch; "
                        + "tried again in a moment.");
                return;
            }
            work.switchRegion(id, node);
            state = RegionMoveState.SWITCHED;
        }
        if (state == RegionMoveState.SWITCHED) {
            long deleted = withStores(move, (source, target) -> {
                long late = copier.topUp(source, target, scope); // rows the old region got after the verification
                if (late > 0) {
                    LOG.info(() -> "Region move " + id + ": " + late + " rows written to " + move.from()
                            + " after the verification copied too");
                }
                return copier.clear(source, scope);
            });
            work.cleaned(id, node, deleted);
        }
    }

    private interface StoresWork<T> {
        T run(Connection source, Connection target) throws SQLException;
    }

    /**
     * Work on a connection of each region's store (not enlisted in any transaction: each commits its own batches);
     * both go back to the pool in auto-commit, whatever was left uncommitted rolled back.
     */
    private <T> T withStores(RegionMoveView move, StoresWork<T> work) throws SQLException {
        try (Connection source = database.dataSource(move.from()).getConnection();
             Connection target = database.dataSource(move.to()).getConnection()) {
            if (OpenVisitDatabase.sameDatabase(source, target)) {
                // refused when the move was asked for; checked again here because a copy onto the same tables
                // followed by the clean-up would delete the organization's data
                throw new SQLException("The " + move.from() + " and " + move.to() + " stores are one database.");
            }
            try {
                return work.run(source, target);
            } finally {
                for (Connection c : List.of(source, target)) {
                    try {
                        if (!c.getAutoCommit()) {
                            c.rollback();
                            c.setAutoCommit(true);
                        }
                    } catch (SQLException ignored) {
                        // the connection is broken: the pool drops it
                    }
                }
            }
        }
    }

    /** A relay holds one of the organization's tasks (a delivery may be under way): the copy waits for it. */
    private boolean waitingForDeliveries(RegionMoveView move) throws SQLException {
        try (Connection source = database.dataSource(move.from()).getConnection()) {
            long held = RegionCopier.claimedTasks(source, move.organizationId(), clock.instant());
            if (held > 0) {
                work.problem(move.id(), "Waiting for " + held + " write-back deliveries under way.");
                return true;
            }
            return false;
        }
    }

    /** EHR references sealed with their visit id: opened with the old id, sealed with the new; compared as digests. */
    private RegionCopier.Sealed sealed() {
        return new RegionCopier.Sealed() {
            @Override
            public String reseal(UUID oldVisitId, UUID newVisitId, String value) {
                return seal.seal(newVisitId, seal.open(oldVisitId, value));
            }

            @Override
            public String plain(UUID visitId, String value) {
                return seal.digest(visitId, value);
            }
        };
    }

    Instant now() {
        return clock.instant();
    }
}
