package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.SmsFhirFeed;
import org.openvisit.notify.domain.model.SmsFhirFeedRepository;
import org.openvisit.notify.domain.model.SmsFhirSubscription;
import org.openvisit.notify.domain.model.SmsFhirSubscriptionRepository;
import org.openvisit.notify.domain.model.SubscriptionState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The FHIR Subscription's steps in the global store, each its own short transaction (none is open while the EHR is
 * called): the keeper's claim and what it learnt, and what a notification changes — the state, the event count, and
 * on a gap or an error an immediate poll of the endpoint's feed.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FhirSubscriptionSteps {

    /** What the keeper needs of a Subscription. */
    public record Held(UUID endpointId, String topic, SubscriptionState state, Optional<String> ehrId,
                       Optional<Instant> endsAt, Optional<Instant> lastContactAt, Instant stateChangedAt,
                       int failures) {
    }

    /** The Subscription a notification came to (its secret checked). */
    public record Hooked(UUID endpointId, Optional<String> ehrId) {
    }

    @Inject
    private SmsFhirSubscriptionRepository subscriptions;

    @Inject
    private SmsFhirFeedRepository feeds;

    private final Clock clock = Clock.systemUTC();

    public List<UUID> claim(Duration lease, int max) {
        return subscriptions.claimDue(clock.instant(), lease, max);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Held> held(UUID endpointId) {
        return subscriptions.find(endpointId).filter(s -> s.topic().isPresent()).map(s -> new Held(s.endpointId(),
                s.topic().get(), s.state(), s.ehrSubscriptionId(), s.endsAt(), s.lastContactAt(),
                s.stateChangedAt(), s.failures()));
    }

    public void prepare(UUID endpointId, String hookId, String secret) {
        subscriptions.find(endpointId).ifPresent(s -> s.prepare(hookId, secret));
    }

    public void created(UUID endpointId, String ehrId, Instant ends, Instant checkAt) {
        subscriptions.find(endpointId).ifPresent(s -> s.created(ehrId, ends, clock.instant(), checkAt));
    }

    public void kept(UUID endpointId, Instant ends, Instant checkAt) {
        subscriptions.find(endpointId).ifPresent(s -> s.kept(ends, checkAt));
    }

    /** The EHR says the Subscription is active although no handshake came here: taken as the handshake. */
    public void activeAtEhr(UUID endpointId) {
        subscriptions.find(endpointId).ifPresent(s -> s.handshake(clock.instant()));
    }

    public void notOffered(UUID endpointId, String reason, Instant retryAt) {
        subscriptions.find(endpointId).ifPresent(s -> s.notOffered(reason, clock.instant(), retryAt));
    }

    /** It failed or was lost: made again at {@code retryAt}; with {@code poll}, the feed polls at once. */
    public void failed(UUID endpointId, String reason, Instant retryAt, boolean poll) {
        Instant now = clock.instant();
        subscriptions.find(endpointId).ifPresent(s -> s.failed(reason, now, retryAt));
        if (poll) {
            feeds.find(endpointId).ifPresent(f -> f.pollSoon(now));
        }
    }

    /**
     * The Subscription at {@code hookId} whose secret is {@code secret} (constant-time check of its hash).
     *
     * @throws NoticeRefusal no Subscription at this address, or the wrong secret
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Hooked hooked(String hookId, String secret) {
        SmsFhirSubscription s = subscriptions.byHook(hookId).filter(x -> x.topic().isPresent())
                .orElseThrow(() -> new NoticeRefusal(NoticeRefusal.Reason.UNKNOWN_SUBSCRIPTION, "OpenVisit has no "
                        + "Subscription at this address (it was replaced or switched off)."));
        if (!s.secretMatches(secret)) {
            throw new NoticeRefusal(NoticeRefusal.Reason.BAD_SECRET, "The notification did not carry the "
                    + "Subscription's secret header.");
        }
        return new Hooked(s.endpointId(), s.ehrSubscriptionId());
    }

    /**
     * A notification was taken: the handshake, heartbeat or events counted (an error status makes the Subscription
     * again). The caller asks for the poll ({@link #pollNow}) once it has taken in what the notification named, so
     * that the poll does not race it for the same appointments.
     *
     * @return true when events were missed (a gap in the event numbers) or the EHR reports an error: poll at once
     */
    public boolean noticed(UUID endpointId, SubscriptionNotice notice) {
        Instant now = clock.instant();
        Optional<SmsFhirSubscription> found = subscriptions.find(endpointId);
        if (found.isEmpty()) {
            return false;
        }
        SmsFhirSubscription s = found.get();
        boolean poll;
        if (notice.inError()) {
            s.reportedError(now);
            poll = true;
        } else if (notice.kind() == SubscriptionNotice.Kind.HANDSHAKE) {
            s.handshake(now);
            poll = false;
        } else {
            poll = s.notified(notice.eventsSinceStart(), notice.eventNumbers(), now);
        }
        return poll;
    }

    /** Reading back what a notification named failed: the poll takes it in, now. */
    public void pollNow(UUID endpointId) {
        Instant now = clock.instant();
        feeds.find(endpointId).ifPresent(f -> f.pollSoon(now));
    }

    /** Whether the endpoint's Subscription is active and was heard within {@code quiet}. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public boolean active(UUID endpointId, Duration quiet) {
        return subscriptions.find(endpointId).map(s -> s.activeSince(clock.instant(), quiet)).orElse(false);
    }

    /** The safety-net poll after this one may wait until {@code at} (a Subscription is active). */
    public void pollNoSoonerThan(UUID endpointId, Instant at) {
        feeds.find(endpointId).filter(SmsFhirFeed::polling).ifPresent(f -> f.pollNoSoonerThan(at));
    }
}
