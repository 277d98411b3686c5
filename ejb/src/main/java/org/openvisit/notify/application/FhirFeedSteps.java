package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.notify.domain.model.SmsConsent;
import org.openvisit.notify.domain.model.SmsConsentRepository;
import org.openvisit.notify.domain.model.SmsFhirFeed;
import org.openvisit.notify.domain.model.SmsFhirFeedRepository;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.writeback.application.BackendKeys;
import org.openvisit.writeback.application.EndpointAccess;
import org.openvisit.writeback.application.WriteBackSettings;
import org.openvisit.writeback.domain.model.WriteBackEndpoint;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The FHIR poll's steps in the global store, each its own short transaction, so that no transaction is open while
 * the EHR is called: claim due polls (SKIP LOCKED, per region), read what a run needs, record each stored page, the
 * run's end or its failure. A step of a run that no longer holds the poll (its lease ran out and another node took
 * it, or the administrator switched the source) changes nothing.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class FhirFeedSteps {

    /** What a run needs, or why the endpoint cannot be polled now. */
    public record Start(FeedEndpoint endpoint, EndpointAccess access, int horizonDays, Optional<Instant> cursor,
                        boolean fullSyncDue, FhirFeedFailure notReady, String notReadyReason) {

        public boolean ready() {
            return notReady == null;
        }

        static Start refused(FhirFeedFailure kind, String reason) {
            return new Start(null, null, 0, Optional.empty(), false, kind, reason);
        }
    }

    @Inject
    private SmsFhirFeedRepository feeds;

    @Inject
    private SmsConsentRepository consents;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private WriteBackSettings writeBack;

    @EJB
    private SmsFeedLookup lookup;

    @EJB
    private BackendKeys keys;

    private final Clock clock = Clock.systemUTC();

    public List<UUID> claim(DataRegion region, String run, Duration lease, int max) {
        return feeds.claimDue(region, run, clock.instant(), lease, max);
    }

    /** What the run {@code run} needs for the endpoint (empty: it no longer holds the poll). */
    public Optional<Start> start(UUID endpointId, String run, Duration fullSyncEvery) {
        Instant now = clock.instant();
        Optional<SmsFhirFeed> held = feeds.find(endpointId).filter(f -> f.heldBy(run, now));
        if (held.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(prepare(held.get(), now, fullSyncEvery));
    }

    /**
     * What a Subscription's upkeep or a notification needs to call the EHR for the endpoint (no poll is claimed):
     * empty when the endpoint has no FHIR feed; else the access, or why the endpoint cannot be called now.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Start> access(UUID endpointId) {
        return feeds.find(endpointId).filter(SmsFhirFeed::polling)
                .map(f -> prepare(f, clock.instant(), java.time.Duration.ofDays(1)));
    }

    private Start prepare(SmsFhirFeed feed, Instant now, Duration fullSyncEvery) {
        UUID endpointId = feed.endpointId();
        if (!consents.find(feed.organizationId()).map(SmsConsent::bothGiven).orElse(false)) {
            return (Start.refused(FhirFeedFailure.NO_CONSENT, "Not polled: the organization has not "
                    + "given both SMS consents."));
        }
        Optional<FhirEndpoint> endpoint = endpoints.find(endpointId);
        if (endpoint.isEmpty() || endpoint.get().status() != EndpointStatus.APPROVED) {
            return Start.refused(FhirFeedFailure.NOT_READY, "Not polled: the FHIR endpoint is not "
                    + "approved.");
        }
        Optional<FeedEndpoint> settings = lookup.byEndpoint(endpointId);
        if (settings.isEmpty()) {
            return Start.refused(FhirFeedFailure.NOT_READY, "Not polled: the endpoint has no SMS "
                    + "settings.");
        }
        WriteBackEndpoint backend = keys.settingsFor(endpointId);
        EndpointAccess access = new EndpointAccess(endpointId, endpoint.get().baseUrl().value(),
                backend.clientId().orElse(writeBack.clientId()), backend.keyId());
        return new Start(settings.get(), access, feed.horizonDays(), feed.cursor(),
                feed.fullSyncDue(now, fullSyncEvery), null, null);
    }

    public boolean pageStored(UUID endpointId, String run, Instant pageHigh, int fed, Map<String, Integer> skipped,
                              Duration lease) {
        Instant now = clock.instant();
        return feeds.find(endpointId).map(f -> f.pageStored(run, pageHigh, fed, skipped, now, lease)).orElse(false);
    }

    public boolean finished(UUID endpointId, String run, boolean fullSync) {
        return feeds.find(endpointId).map(f -> f.finished(run, fullSync, clock.instant())).orElse(false);
    }

    /** The run failed; the next try waits {@code wait} (the back-off, or the EHR's Retry-After). */
    public boolean failed(UUID endpointId, String run, FhirFeedFailure kind, String reason, Duration wait) {
        Instant now = clock.instant();
        return feeds.find(endpointId).map(f -> f.failed(run, kind, reason, now, now.plus(wait))).orElse(false);
    }

    /** How many failures in a row the endpoint's poll has had (for the back-off). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public int failures(UUID endpointId) {
        return feeds.find(endpointId).map(SmsFhirFeed::failures).orElse(0);
    }

    /** The poll's interval in minutes. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public int intervalMinutes(UUID endpointId) {
        return feeds.find(endpointId).map(SmsFhirFeed::intervalMinutes).orElse(SmsFhirFeed.DEFAULT_INTERVAL_MINUTES);
    }
}
