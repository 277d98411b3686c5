package org.openvisit.shared.application;

import org.openvisit.tenant.domain.model.DataRegion;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A scheduled job's rounds on one node: never two at once (a slow database or outside service keeps the timer's next
 * call out instead of piling rounds up), and a failure logged in one line without stopping the timer. Over the ready
 * data regions, a region whose work fails is logged without stopping the others. Only the exception's kind is logged:
 * a message may carry what must not reach the log (a phone number, an address with a token).
 */
public final class ScheduledRounds {

    private final AtomicBoolean running = new AtomicBoolean();
    private final String what;
    private final Logger log;

    /** {@code what} names the work in the log, e.g. "The SMS send job". */
    public ScheduledRounds(String what, Logger log) {
        this.what = what;
        this.log = log;
    }

    /** @return whether the round ran: {@code false} when the previous round still runs */
    public boolean run(Runnable round) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        try {
            round.run();
        } catch (RuntimeException e) {
            log.warning(() -> what + " stopped: " + e.getClass().getSimpleName() + "; it goes on at the next round.");
        } finally {
            running.set(false);
        }
        return true;
    }

    /** One round over the regions (read only when the round runs), each region on its own. */
    public boolean overRegions(Supplier<? extends Collection<DataRegion>> regions, Consumer<DataRegion> eachRegion) {
        return run(() -> {
            for (DataRegion region : regions.get()) {
                try {
                    eachRegion.accept(region);
                } catch (RuntimeException e) {
                    log.warning(() -> what + " stopped in " + region + ": " + e.getClass().getSimpleName()
                            + "; it goes on at the next round.");
                }
            }
        });
    }
}
