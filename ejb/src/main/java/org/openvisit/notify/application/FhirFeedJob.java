package org.openvisit.notify.application;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.writeback.application.Backoff;
import org.openvisit.writeback.application.WriteBackSettings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * The FHIR appointment poll, on every node, every ten seconds: in each ready region it claims the endpoints whose
 * poll is due ({@link FhirFeedSteps#claim}: {@code FOR UPDATE SKIP LOCKED}, a lease per run; nothing in memory but
 * the run under way), and runs each ({@link FhirFeedRun}): searches the EHR's appointments starting from now to the
 * endpoint's horizon and changed since its cursor (or all of them, once a day, so an appointment booked far ahead and
 * not changed since is seen once it comes into the horizon), feeds each into the SIU intake, records each stored page,
 * and moves the cursor when the last page is stored. A failure is recorded in words and the next try backs off
 * ({@code openvisit.sms.fhir.backoff-base} doubling to {@code openvisit.sms.fhir.backoff-max}, or the EHR's
 * Retry-After). While the endpoint's FHIR Subscription is active and heard from ({@link FhirSubscriptionKeeper}), the
 * poll is the safety net and runs every {@code openvisit.sms.fhir.subscription.poll-every} instead. Logs name the endpoint and counts, never a patient, a number or a token.
 */
@Singleton
@DependsOn("OpenVisitDatabase")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FhirFeedJob {

    private static final Logger LOG = Logger.getLogger(FhirFeedJob.class.getName());
    private static final int BATCH = 10;

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private FhirFeedSteps steps;

    @EJB
    private SmsFeedService intake;

    @EJB
    private org.openvisit.region.application.RegionMoves regionMoves;

    @Inject
    private EhrAppointments ehr;

    @Inject
    private WriteBackSettings writeBack;

    @EJB
    private FhirSubscriptionSteps subscriptions;

    @Inject
    private FhirSubscriptionSettings subscriptionSettings;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.enabled", defaultValue = "true")
    private boolean enabled;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.page-size", defaultValue = "50")
    private int pageSize;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.lease", defaultValue = "PT5M")
    private Duration lease;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.full-sync-every", defaultValue = "PT24H")
    private Duration fullSyncEvery;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.backoff-base", defaultValue = "PT1M")
    private Duration backoffBase;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.backoff-max", defaultValue = "PT1H")
    private Duration backoffMax;

    private final ScheduledRounds rounds = new ScheduledRounds("The SMS FHIR poll", LOG);
    private final Clock clock = Clock.systemUTC();

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    public void poll() {
        if (!enabled) {
            return;
        }
        rounds.overRegions(database::readyRegions, region -> {
            String run = writeBack.node() + "/" + UUID.randomUUID().toString().substring(0, 8);
            for (UUID endpointId : steps.claim(region, run, lease, BATCH)) {
                runOne(endpointId, run);
            }
        });
    }

    /** One endpoint's run; its failure is recorded on it and does not stop the others. */
    void runOne(UUID endpointId, String run) {
        Optional<FhirFeedSteps.Start> started;
        try {
            started = steps.start(endpointId, run, fullSyncEvery);
        } catch (RuntimeException e) {
            fail(endpointId, run, FhirFeedFailure.NOT_READY, "OpenVisit could not prepare the poll ("
                    + e.getClass().getSimpleName() + ").", null);
            return;
        }
        if (started.isEmpty()) {
            return;
        }
        FhirFeedSteps.Start start = started.get();
        if (!start.ready()) {
            // not the EHR's failure: try again after the interval, not sooner and not later
            steps.failed(endpointId, run, start.notReady(), start.notReadyReason(),
                    Duration.ofMinutes(steps.intervalMinutes(endpointId)));
            return;
        }
        if (regionMoves.pausedOrganizations().contains(start.endpoint().organizationId())) {
            steps.failed(endpointId, run, FhirFeedFailure.STORE_UNAVAILABLE, "Not polled: the organization's data "
                    + "is being moved to another region.", Duration.ofMinutes(1));
            return;
        }
        Instant now = clock.instant();
        boolean full = start.fullSyncDue();
        EhrAppointments.Query query = new EhrAppointments.Query(now, now.plus(Duration.ofDays(start.horizonDays())),
                full ? Optional.empty() : start.cursor(), Math.max(1, Math.min(pageSize, 1000)));
        try {
            FhirFeedRun.Outcome outcome = new FhirFeedRun(ehr, start.access(),
                    message -> intake.receiveFhir(start.endpoint(), message),
                    (high, fed, skipped) -> steps.pageStored(endpointId, run, high, fed, skipped, lease)).run(query);
            if (outcome.complete() && steps.finished(endpointId, run, full)) {
                relaxWhileSubscribed(endpointId);
                LOG.info(() -> "SMS FHIR poll of endpoint " + endpointId + (full ? " (full)" : "") + ": "
                        + outcome.pages() + " page(s), " + outcome.fed() + " appointment(s) taken in, skipped "
                        + outcome.skipped());
            } else {
                LOG.info(() -> "SMS FHIR poll of endpoint " + endpointId + ": another run took it over");
            }
        } catch (EhrFeedException e) {
            fail(endpointId, run, e.kind(), e.getMessage(), e.retryAfter().orElse(null));
        } catch (RuntimeException e) {
            fail(endpointId, run, FhirFeedFailure.STORE_UNAVAILABLE, "OpenVisit could not take in what it read ("
                    + e.getClass().getSimpleName() + "); it tries again.", null);
        }
    }

    /** A Subscription is active and heard from: the poll, now a safety net, waits longer (never shorter). */
    private void relaxWhileSubscribed(UUID endpointId) {
        try {
            if (subscriptions.active(endpointId, subscriptionSettings.quiet())) {
                subscriptions.pollNoSoonerThan(endpointId, clock.instant().plus(subscriptionSettings.pollEvery()));
            }
        } catch (RuntimeException e) {
            LOG.fine(() -> "SMS FHIR poll of endpoint " + endpointId + ": the interval stays ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private void fail(UUID endpointId, String run, FhirFeedFailure kind, String reason, Duration retryAfter) {
        try {
            int failures = steps.failures(endpointId) + 1;
            Duration wait = new Backoff(backoffBase, backoffMax).delay(failures, Optional.ofNullable(retryAfter),
                    () -> ThreadLocalRandom.current().nextDouble());
            if (steps.failed(endpointId, run, kind, reason, wait)) {
                LOG.warning(() -> "SMS FHIR poll of endpoint " + endpointId + " failed (" + kind + ", "
                        + failures + " in a row; next try in " + wait.toSeconds() + " s): " + reason);
            }
        } catch (RuntimeException e) {
            LOG.warning(() -> "SMS FHIR poll of endpoint " + endpointId + ": its failure could not be recorded ("
                    + e.getClass().getSimpleName() + "); the lease runs out and another run tries.");
        }
    }
}
