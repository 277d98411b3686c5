package org.openvisit.notify.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * The FHIR Subscription settings: where EHRs notify ({@code openvisit.sms.fhir.subscription.notification-url}, else
 * {@code openvisit.public-url} + {@value #PATH}), the heartbeat period asked for (PT5M), how long a Subscription
 * lasts (P7D) and when it is renewed (P1D before), how long a handshake is awaited (PT2M), how often the poll runs
 * while a Subscription is active (PT1H: the safety net), and when an EHR that refused is asked again (PT6H).
 */
@ApplicationScoped
public class FhirSubscriptionSettings {

    public static final String PATH = "/api/fhir/subscriptions";
    /** The header the EHR sends the Subscription's secret in ({@code channel.header}). */
    public static final String SECRET_HEADER = "X-OpenVisit-Subscription-Secret";

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.notification-url")
    Optional<String> notificationUrl;

    @Inject
    @ConfigProperty(name = "openvisit.public-url")
    Optional<String> publicUrl;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.heartbeat", defaultValue = "PT5M")
    Duration heartbeat;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.lifetime", defaultValue = "P7D")
    Duration lifetime;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.renew-before", defaultValue = "P1D")
    Duration renewBefore;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.handshake-wait", defaultValue = "PT2M")
    Duration handshakeWait;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.poll-every", defaultValue = "PT1H")
    Duration pollEvery;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.subscription.not-offered-retry", defaultValue = "PT6H")
    Duration notOfferedRetry;

    /** The receiver's base address, without a trailing slash (empty: none set, no Subscription can be made). */
    public Optional<String> receiverBase() {
        Optional<String> configured = notificationUrl.map(String::strip).filter(s -> !s.isEmpty());
        if (configured.isPresent()) {
            return configured.map(s -> s.replaceAll("/+$", ""));
        }
        return publicUrl.map(String::strip).filter(s -> !s.isEmpty()).map(s -> s.replaceAll("/+$", "") + PATH);
    }

    public Duration heartbeat() {
        return heartbeat;
    }

    public Duration lifetime() {
        return lifetime;
    }

    public Duration renewBefore() {
        return renewBefore;
    }

    public Duration handshakeWait() {
        return handshakeWait;
    }

    public Duration pollEvery() {
        return pollEvery;
    }

    public Duration notOfferedRetry() {
        return notOfferedRetry;
    }

    /** How long without a heartbeat or a notification before the Subscription counts as lost: two periods and a minute. */
    public Duration quiet() {
        return heartbeat.multipliedBy(2).plusMinutes(1);
    }
}
