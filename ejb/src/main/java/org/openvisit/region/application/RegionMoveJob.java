package org.openvisit.region.application;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    public void tick() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (UUID move : work.unfinished()) {
                runner.run(move);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "Region moves could not be read now: " + e.getClass().getSimpleName());
        } finally {
            running.set(false);
        }
    }
}
