package org.openvisit.notify.application;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.shared.application.ScheduledRounds;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The durable provisioning job, on every node: every two seconds it reads the numbers whose provisioning is
 * unfinished (REQUESTED, IN_PROGRESS) from the database and moves each one step: hands a REQUESTED one to the
 * carrier, or asks the carrier how an IN_PROGRESS one stands. Nothing is kept in memory, so a job that was under way
 * when a node died is taken up again by whichever node scans next. Two nodes working the same number at once cannot
 * both win: each step checks the number's version ({@link ProvisioningSteps}).
 */
@Singleton
@DependsOn("OpenVisitDatabase")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SmsProvisioningJob {

    private static final Logger LOG = Logger.getLogger(SmsProvisioningJob.class.getName());
    private static final int BATCH = 50;

    @EJB
    private ProvisioningSteps steps;

    @Inject
    private SmsCarrier carrier;

    private final ScheduledRounds rounds = new ScheduledRounds("The SMS provisioning scan", LOG);

    @Schedule(second = "*/2", minute = "*", hour = "*", persistent = false)
    public void scan() {
        rounds.run(() -> steps.unfinished(BATCH).forEach(this::advance));
    }

    /** One step for one number; a failure of this one does not stop the others. */
    void advance(UUID id) {
        try {
            Optional<ProvisioningSteps.Work> next = steps.next(id);
            if (next.isEmpty()) {
                return;
            }
            ProvisioningSteps.Work work = next.get();
            switch (work.status()) {
                case REQUESTED -> {
                    String job = carrier.startProvisioning(work.request());
                    steps.started(work, job);
                    LOG.info(() -> "SMS number " + id + ": provisioning started with carrier " + carrier.name());
                }
                case IN_PROGRESS -> {
                    ProvisioningProgress progress = carrier.checkProvisioning(work.carrierJob());
                    if (steps.progressed(work, progress)) {
                        LOG.info(() -> "SMS number " + id + ": provisioning "
                                + (progress instanceof ProvisioningProgress.Done ? "done" : "failed"));
                    }
                }
                default -> {
                    // nothing to do
                }
            }
        } catch (RuntimeException e) {
            // another node's step won (optimistic lock), a unique number taken meanwhile, a carrier's transient fault:
            // the next scan tries again
            LOG.log(Level.FINE, "SMS number " + id + ": provisioning step to be tried again", e);
        }
    }
}
