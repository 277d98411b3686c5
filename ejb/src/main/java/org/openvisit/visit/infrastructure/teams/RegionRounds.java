package org.openvisit.visit.infrastructure.teams;

import org.openvisit.tenant.domain.model.DataRegion;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * A scheduled poller's round over the ready data regions: never two rounds at once on a node (a slow Graph keeps the
 * timer's next call out), and a region whose work fails is logged without stopping the others.
 */
final class RegionRounds {

    private final AtomicBoolean running = new AtomicBoolean();
    private final String what;
    private final Logger log;

    /** {@code what} names the work in the log, e.g. "The Teams attendance poll". */
    RegionRounds(String what, Logger log) {
        this.what = what;
        this.log = log;
    }

    void run(Collection<DataRegion> regions, Consumer<DataRegion> eachRegion) {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        try {
            for (DataRegion region : regions) {
                try {
                    eachRegion.accept(region);
                } catch (RuntimeException e) {
                    log.warning(() -> what + " of " + region + " stopped: " + e.getClass().getSimpleName());
                }
            }
        } finally {
            running.set(false);
        }
    }
}
