package org.openvisit.notify.application;

import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.SubscriptionState;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.writeback.application.Backoff;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;

/**
 * Keeps one rest-hook Subscription per FHIR-polled endpoint whose administrator named the EHR's appointment topic,
 * on every node every ten seconds (a claim with {@code FOR UPDATE SKIP LOCKED} and a lease; the EHR is called with
 * no transaction open): makes it (a new random receiver path and secret each time; the secret only hashed), waits
 * for its handshake (or reads its status at the EHR), checks it while active (heard within two heartbeat periods,
 * still at the EHR and not in error), renews its end a day before, and makes it again when it is gone, in error or
 * silent — then the feed also polls at once. An EHR that will not make it is asked again after
 * {@code openvisit.sms.fhir.subscription.not-offered-retry}. Logs name the endpoint, never the secret.
 */
@Singleton
@DependsOn("OpenVisitDatabase")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FhirSubscriptionKeeper {

    private static final Logger LOG = Logger.getLogger(FhirSubscriptionKeeper.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration RETRY_BASE = Duration.ofSeconds(30);
    private static final Duration RETRY_MAX = Duration.ofHours(1);

    @EJB
    private FhirSubscriptionSteps steps;

    @EJB
    private FhirFeedSteps feedSteps;

    @Inject
    private EhrSubscriptions ehr;

    @Inject
    private FhirSubscriptionSettings settings;

    private final ScheduledRounds rounds = new ScheduledRounds("Keeping the FHIR Subscriptions", LOG);
    private final Clock clock = Clock.systemUTC();

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    public void keep() {
        rounds.run(() -> {
            for (UUID endpointId : steps.claim(LEASE, 10)) {
                try {
                    keep(endpointId);
                } catch (RuntimeException e) {
                    LOG.warning(() -> "FHIR Subscription of endpoint " + endpointId + ": "
                            + e.getClass().getSimpleName() + "; the lease runs out and it is tried again.");
                }
            }
        });
    }

    void keep(UUID endpointId) {
        Optional<FhirSubscriptionSteps.Held> found = steps.held(endpointId);
        if (found.isEmpty()) {
            return;
        }
        FhirSubscriptionSteps.Held held = found.get();
        Instant now = clock.instant();
        Optional<FhirFeedSteps.Start> start = feedSteps.access(endpointId);
        if (start.isEmpty()) {
            steps.failed(endpointId, "No Subscription: the endpoint's appointments do not come by FHIR.",
                    now.plus(Duration.ofHours(1)), false);
            return;
        }
        if (!start.get().ready()) {
            steps.failed(endpointId, start.get().notReadyReason().replace("Not polled", "No Subscription"),
                    now.plus(Duration.ofMinutes(5)), false);
            return;
        }
        try {
            switch (held.state()) {
                case REQUESTED -> awaitHandshake(held, start.get(), now);
                case ACTIVE -> check(held, start.get(), now);
                default -> create(held, start.get(), now);
            }
        } catch (SubscriptionNotOfferedException refused) {
            steps.notOffered(endpointId, refused.getMessage(), now.plus(settings.notOfferedRetry()));
            LOG.info(() -> "FHIR Subscription of endpoint " + endpointId + ": the EHR does not offer it; polling only");
        } catch (EhrFeedException e) {
            Duration wait = new Backoff(RETRY_BASE, RETRY_MAX).delay(held.failures() + 1, e.retryAfter(),
                    () -> ThreadLocalRandom.current().nextDouble());
            steps.failed(endpointId, e.getMessage(), now.plus(wait), held.state() == SubscriptionState.ACTIVE);
            LOG.warning(() -> "FHIR Subscription of endpoint " + endpointId + " failed (" + e.kind() + "; next try in "
                    + wait.toSeconds() + " s): " + e.getMessage());
        }
    }

    private void create(FhirSubscriptionSteps.Held held, FhirFeedSteps.Start start, Instant now) {
        Optional<String> base = settings.receiverBase();
        if (base.isEmpty()) {
            steps.failed(held.endpointId(), "OpenVisit's public address is not set (openvisit.public-url or "
                    + "openvisit.sms.fhir.subscription.notification-url), so the EHR has nowhere to notify.",
                    now.plus(Duration.ofHours(1)), false);
            return;
        }
        held.ehrId().ifPresent(old -> {
            try {
                ehr.delete(start.access(), old);
            } catch (RuntimeException e) {
                LOG.fine(() -> "The old FHIR Subscription of endpoint " + held.endpointId() + " was not removed: "
                        + e.getClass().getSimpleName());
            }
        });
        String hookId = UUID.randomUUID().toString();
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        steps.prepare(held.endpointId(), hookId, secret);
        Instant end = now.plus(settings.lifetime());
        EhrSubscriptions.Remote made = ehr.create(start.access(), new EhrSubscriptions.Request(held.topic(),
                base.get() + "/" + hookId, FhirSubscriptionSettings.SECRET_HEADER, secret, end,
                (int) Math.min(Integer.MAX_VALUE, settings.heartbeat().toSeconds())));
        try {
            steps.created(held.endpointId(), made.id(), made.end().orElse(end), now.plus(settings.handshakeWait()));
        } catch (jakarta.ejb.EJBException concurrent) { // the handshake was being recorded at the same moment
            steps.created(held.endpointId(), made.id(), made.end().orElse(end), now.plus(settings.handshakeWait()));
        }
        LOG.info(() -> "FHIR Subscription of endpoint " + held.endpointId() + " made at the EHR (" + made.status()
                + "), until " + made.end().orElse(end));
    }

    private void awaitHandshake(FhirSubscriptionSteps.Held held, FhirFeedSteps.Start start, Instant now) {
        Optional<EhrSubscriptions.Remote> remote = held.ehrId().flatMap(id -> ehr.read(start.access(), id));
        if (remote.isPresent() && "active".equals(remote.get().status())) {
            steps.activeAtEhr(held.endpointId());
            steps.kept(held.endpointId(), remote.get().end().orElse(held.endsAt().orElse(now)), now.plus(
                    settings.heartbeat()));
            return;
        }
        steps.failed(held.endpointId(), remote.isEmpty() ? "The EHR no longer has the Subscription; it is made again."
                : "The EHR did not confirm the Subscription (status " + remote.get().status() + ", no handshake); "
                + "it is made again.", now, false);
    }

    private void check(FhirSubscriptionSteps.Held held, FhirFeedSteps.Start start, Instant now) {
        if (held.lastContactAt().map(at -> at.plus(settings.quiet()).isBefore(now)).orElse(true)) {
            steps.failed(held.endpointId(), "The EHR sent no heartbeat or notification for longer than "
                    + settings.quiet().toMinutes() + " minutes; the Subscription is made again and the feed polls.",
                    now, true);
            return;
        }
        String id = held.ehrId().orElse("");
        boolean renew = held.endsAt().map(end -> !end.minus(settings.renewBefore()).isAfter(now)).orElse(true);
        Optional<EhrSubscriptions.Remote> remote = renew ? ehr.renew(start.access(), id, now.plus(settings.lifetime()))
                : ehr.read(start.access(), id);
        if (remote.isEmpty() || "error".equals(remote.get().status()) || "off".equals(remote.get().status())) {
            steps.failed(held.endpointId(), remote.isEmpty() ? "The EHR no longer has the Subscription; it is made "
                    + "again and the feed polls." : "The EHR has the Subscription in " + remote.get().status()
                    + "; it is made again and the feed polls.", now, true);
            return;
        }
        Instant ends = remote.get().end().orElse(renew ? now.plus(settings.lifetime()) : held.endsAt().orElse(now));
        Instant next = now.plus(settings.heartbeat());
        Instant renewAt = ends.minus(settings.renewBefore());
        steps.kept(held.endpointId(), ends, renewAt.isBefore(next) && renewAt.isAfter(now) ? renewAt : next);
    }
}
