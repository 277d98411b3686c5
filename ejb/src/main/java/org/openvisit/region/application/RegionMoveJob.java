package org.openvisit.region.application;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.shared.application.ScheduledRounds;

import java.util.logging.Logger;

/**
 * Every five seconds on every node: goes on with each unfinished region move whose lease is free (see
 * {@link RegionMoveRunner}); a move a crashed node left is taken up once its lease ran out.
 */
@Singleton
@DependsOn("OpenVisitDatabase")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RegionMoveJob {

    private static final Logger LOG = Logger.getLogger(RegionMoveJob.class.getName());

    @EJB
    private RegionMoveWork work;

    @EJB
    private RegionMoveRunner runner;

    private final ScheduledRounds rounds = new ScheduledRounds("Running the region moves", LOG);

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    public void tick() {
        rounds.run(() -> work.unfinished().forEach(runner::run));
    }
}
