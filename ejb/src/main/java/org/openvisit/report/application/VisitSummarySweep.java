package org.openvisit.report.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Once a minute on every node: summaries for visits that have none yet (made without any event) and for open visits
 * whose no-show deadline passed, so that no report row is more than a minute behind. Safe on several nodes at once:
 * each summary is written with its visit's row locked.
 * <p>
 * After a node starts it catches up on every visit of each region (batch after batch, one a minute, until a batch is
 * not full: after an upgrade, every older visit gets its summary); from then on it looks only at the visits created in
 * the last {@link #WINDOW}, through an index, so that the minute's query does not grow with the store. (A visit's
 * events make its summary in their own transaction; only a visit with no event yet needs the sweep.)
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VisitSummarySweep {

    static final Duration WINDOW = Duration.ofDays(1);

    private static final Logger LOG = Logger.getLogger(VisitSummarySweep.class.getName());

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private VisitSummaryMaintenance maintenance;

    private final ScheduledRounds rounds = new ScheduledRounds("The report sweep", LOG);
    private final Set<DataRegion> caughtUp = EnumSet.noneOf(DataRegion.class);
    private final Clock clock = Clock.systemUTC();

    @Schedule(second = "30", minute = "*", hour = "*", persistent = false)
    public void sweep() {
        rounds.overRegions(database::readyRegions, region -> {
            boolean windowed = caughtUp.contains(region);
            int due = maintenance.sweep(region, windowed ? clock.instant().minus(WINDOW) : null);
            if (!windowed && due < VisitSummaryMaintenance.BATCH) {
                caughtUp.add(region);
            }
        });
    }
}
