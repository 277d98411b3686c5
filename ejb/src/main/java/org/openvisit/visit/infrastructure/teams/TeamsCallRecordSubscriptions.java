package org.openvisit.visit.infrastructure.teams;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.ehr.graph.TeamsGraph;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.tenant.application.TeamsCallSubscriptionStore;
import org.openvisit.tenant.application.TeamsSettingsService;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Keeps, for every organization on Teams, a Microsoft Graph change-notification subscription to its tenant's call
 * records ({@code /communications/callRecords}, application permission CallRecords.Read.All), so that OpenVisit learns
 * each call record's id when a meeting is over. Every {@value #SCHEDULE_SECONDS} seconds on every node (the
 * check is a read of the global store; Graph is asked only when something is due, by the one node that claims it
 * for {@link #LEASE}): a missing subscription is made
 * ({@code POST /subscriptions} with a fresh random clientState, kept only as a SHA-256), one that expires within
 * {@link #RENEW_BEFORE} is renewed ({@code PATCH}) to {@link #LIFETIME} from now (Graph's limit for call records is
 * 4,230 minutes), one Graph no longer knows is made again. After a failure (a missing permission, a notification
 * address Graph cannot validate) the next try waits {@code openvisit.teams.subscription-retry-seconds} (default 900);
 * the Teams page shows the failure in words.
 * <p>
 * The notification address is {@code openvisit.teams.notification-url}, else {@code openvisit.public-url} +
 * {@value #NOTIFICATION_PATH}; without either, nothing is asked of Graph (and the page says why). Each organization's
 * step is {@link CallRecordSubscriptionUpkeep}.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TeamsCallRecordSubscriptions {

    public static final String NOTIFICATION_PATH = "/teams/graph/notifications";
    static final int SCHEDULE_SECONDS = 10;
    static final Duration LIFETIME = Duration.ofMinutes(4200);
    static final Duration RENEW_BEFORE = Duration.ofHours(24);
    /** Longer than a create or renewal can take (Graph's validation of the address alone may take 10 s). */
    static final Duration LEASE = Duration.ofSeconds(60);

    private static final Logger LOG = Logger.getLogger(TeamsCallRecordSubscriptions.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @EJB
    private TeamsCallSubscriptionStore store;

    @EJB
    private TeamsSettingsService settings;

    @Inject
    private TeamsGraph graph;

    @Inject
    @ConfigProperty(name = "openvisit.teams.notification-url")
    private Optional<String> notificationUrl;

    @Inject
    @ConfigProperty(name = "openvisit.public-url")
    private Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "openvisit.teams.subscription-retry-seconds", defaultValue = "900")
    private long retrySeconds;

    private final ScheduledRounds rounds = new ScheduledRounds("Keeping the Teams call record subscriptions", LOG);
    private final Clock clock = Clock.systemUTC();

    @Schedule(second = "*/" + SCHEDULE_SECONDS, minute = "*", hour = "*", persistent = false)
    public void keep() {
        rounds.run(() -> {
            Instant now = clock.instant();
            Duration retry = Duration.ofSeconds(Math.max(1, retrySeconds));
            Duration lease = retry.compareTo(LEASE) < 0 ? retry : LEASE;
            for (TeamsCallSubscriptionStore.Due due : store.due(now, RENEW_BEFORE, retry)) {
                if (store.claim(due.organizationId(), now, lease)) {
                    keep(due, now);
                }
            }
        });
    }

    private void keep(TeamsCallSubscriptionStore.Due due, Instant now) {
        new CallRecordSubscriptionUpkeep(graph::client, settings::connection, address(),
                TeamsCallRecordSubscriptions::clientState, LIFETIME, new CallRecordSubscriptionUpkeep.Outcomes() {
                    @Override
                    public void subscribed(UUID organizationId, String subscriptionId, String clientState,
                                           Instant expiresAt, Instant at) {
                        store.subscribed(organizationId, subscriptionId, clientState, expiresAt, at);
                    }

                    @Override
                    public void forget(UUID organizationId) {
                        store.forget(organizationId);
                    }

                    @Override
                    public void failed(UUID organizationId, String failure, String error, Instant at) {
                        store.failed(organizationId, failure, error, at);
                    }
                }).keep(due.organizationId(), due.subscriptionId(), now);
    }

    /** A fresh clientState: 32 random bytes (kept only as a SHA-256). */
    private static String clientState() {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private Optional<URI> address() {
        Optional<String> configured = notificationUrl.map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured.map(URI::create);
        }
        return publicUrl.map(String::strip).filter(s -> !s.isEmpty())
                .map(base -> URI.create(base.replaceAll("/+$", "") + NOTIFICATION_PATH));
    }
}
