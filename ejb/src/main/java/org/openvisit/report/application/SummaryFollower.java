package org.openvisit.report.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.openvisit.notify.application.AppointmentCancelled;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.writeback.application.WriteBackProgress;

import java.time.Clock;

/**
 * Keeps the summaries up to date with what changes a visit without an event of it, inside the transaction of that
 * change: a cancelled appointment makes the summary of its visit (if one was opened) again, in the feed message's
 * transaction; write-back progress sets the write-back state of the visits' summaries in the database (one statement,
 * no visit lock) once the delivery outcome committed.
 */
@ApplicationScoped
public class SummaryFollower {

    @EJB
    private EndpointEnvironments environments;

    @Inject
    private ReportSettings settings;

    @EJB
    private WriteBackFollower follower;

    private static final java.util.logging.Logger LOG =
            java.util.logging.Logger.getLogger(SummaryFollower.class.getName());

    private final Clock clock = Clock.systemUTC();

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCancelled(@Observes AppointmentCancelled cancelled) {
        for (AppointmentHash hash : cancelled.visitHashes()) {
            cancelled.store().visits().findByKey(cancelled.endpointId(), hash).ifPresent(visit ->
                    SummaryWriter.refresh(cancelled.store(), environments, visit.id(), settings.noShowGrace(),
                            clock.instant()));
        }
    }

    /** After the outcome committed, in a transaction of its own ({@link WriteBackFollower} says why). */
    public void onWriteBack(@Observes(during = TransactionPhase.AFTER_SUCCESS) WriteBackProgress progress) {
        try {
            follower.follow(progress.store(), progress.visitIds());
        } catch (RuntimeException e) {
            LOG.warning(() -> "The write-back state of " + progress.visitIds().size() + " visits' report rows was not"
                    + " updated (" + e.getClass().getSimpleName() + "); their next event or a rebuild sets it.");
        }
    }
}
