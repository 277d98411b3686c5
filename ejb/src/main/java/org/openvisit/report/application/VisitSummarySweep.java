package org.openvisit.report.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.tenant.domain.model.DataRegion;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Once a minute on every node: summaries for visits that have none yet (made without any event) and for open visits
 * whose no-show deadline passed, so that no report row is more than a minute behind. Safe on several nodes at once:
 * each summary is written with its visit's row locked.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class VisitSummarySweep {

    private static final Logger LOG = Logger.getLogger(VisitSummarySweep.class.getName());

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private VisitSummaryMaintenance maintenance;

    private final AtomicBoolean running = new AtomicBoolean();

    @Schedule(second = "30", minute = "*", hour = "*", persistent = false)
    public void sweep() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (DataRegion region : database.readyRegions()) {
                try {
                    maintenance.sweep(region);
                } catch (RuntimeException e) {
                    LOG.warning(() -> "The report sweep of " + region + " stopped: " + e.getClass().getSimpleName());
                }
            }
        } finally {
            running.set(false);
        }
    }
}
