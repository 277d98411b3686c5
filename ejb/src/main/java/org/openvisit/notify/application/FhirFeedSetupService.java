package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openvisit.notify.domain.model.FeedSource;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsEndpointSettingsRepository;
import org.openvisit.notify.domain.model.SmsFhirFeed;
import org.openvisit.notify.domain.model.SmsFhirFeedRepository;
import org.openvisit.notify.domain.model.SmsFhirSubscription;
import org.openvisit.notify.domain.model.SmsFhirSubscriptionRepository;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Per endpoint: where its appointments come from — the EHR's HL7v2 SIU feed, or OpenVisit polling its FHIR API
 * ({@link FhirFeedJob}) — and how the poll stands. Administrators (ORG_ADMIN) of the organization choose; operators
 * may look. FHIR polling needs the endpoint linked to one of the organization's phone numbers.
 */
@Stateless
public class FhirFeedSetupService {

    private static final Logger LOG = Logger.getLogger(FhirFeedSetupService.class.getName());

    @Inject
    private SmsFhirFeedRepository feeds;

    @Inject
    private SmsEndpointSettingsRepository settings;

    @Inject
    private SmsFhirSubscriptionRepository subscriptions;

    @Inject
    private SmsNumberRepository numbers;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.interval-minutes", defaultValue = "5")
    private int defaultInterval;

    @Inject
    @ConfigProperty(name = "openvisit.sms.fhir.horizon-days", defaultValue = "14")
    private int defaultHorizon;

    private final Clock clock = Clock.systemUTC();

    /** The endpoint's feed (HL7v2 with the defaults when nobody chose yet). */
    public FhirFeedView feed(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID endpointId) {
        requireMayLook(actor, organizationId);
        requireEndpoint(organizationId, endpointId);
        return feeds.find(endpointId).map(this::view)
                .orElseGet(() -> view(fresh(organizationId, endpointId, actor)));
    }

    /** The feeds of the organization's endpoints that have one chosen. */
    public List<FhirFeedView> feeds(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayLook(actor, organizationId);
        return feeds.ofOrganization(organizationId).stream().map(this::view).toList();
    }

    /**
     * @throws InvalidValueException an unknown source, an interval or horizon out of range, FHIR polling for an
     *                               endpoint no phone number serves, or a Subscription topic that is not an absolute
     *                               URL (or one without FHIR polling)
     */
    public FhirFeedView choose(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID endpointId,
                               @NotNull FhirFeedChange change) {
        requireMayChange(actor, organizationId);
        requireEndpoint(organizationId, endpointId);
        FeedSource source;
        try {
            source = change.source() == null ? FeedSource.HL7V2
                    : FeedSource.valueOf(change.source().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("source", "The feed source is HL7V2 or FHIR_POLLING.")
                    .worded("sms.feed.source");
        }
        if (source == FeedSource.FHIR_POLLING && numbers.findByOrganization(organizationId).stream()
                .noneMatch(n -> n.endpoints().contains(endpointId))) {
            throw new InvalidValueException("source", "Link one of the organization's phone numbers to this endpoint "
                    + "before choosing FHIR polling.").worded("sms.feed.numberFirst");
        }
        String topic = topic(change.subscriptionTopic());
        if (topic != null && !topic.isEmpty() && source != FeedSource.FHIR_POLLING) {
            throw new InvalidValueException("subscriptionTopic", "A FHIR Subscription needs FHIR polling (it is the "
                    + "safety net).").worded("sms.feed.topicNeedsFhir");
        }
        if (settings.find(endpointId).isEmpty()) {
            settings.add(new SmsEndpointSettings(organizationId, endpointId, actor.username(), clock.instant()));
        }
        SmsFhirFeed feed = feeds.find(endpointId).orElseGet(() -> {
            SmsFhirFeed f = fresh(organizationId, endpointId, actor);
            feeds.add(f);
            return f;
        });
        feed.choose(source, change.intervalMinutes(), change.horizonDays(), actor.username(), clock.instant());
        SmsFhirSubscription subscription = subscriptions.find(endpointId).orElseGet(() -> {
            SmsFhirSubscription s = new SmsFhirSubscription(organizationId, endpointId, clock.instant());
            subscriptions.add(s);
            return s;
        });
        if (source != FeedSource.FHIR_POLLING) {
            subscription.want(null, clock.instant());
        } else if (topic != null) {
            subscription.want(topic, clock.instant());
        }
        LOG.info(() -> "SMS feed source of endpoint " + endpointId + " set to " + source + " by " + actor.username());
        return view(feed);
    }

    private SmsFhirFeed fresh(UUID organizationId, UUID endpointId, Actor actor) {
        SmsFhirFeed f = new SmsFhirFeed(organizationId, endpointId, actor.username(), clock.instant());
        int interval = defaultInterval >= 1 && defaultInterval <= SmsFhirFeed.MAX_INTERVAL_MINUTES ? defaultInterval
                : SmsFhirFeed.DEFAULT_INTERVAL_MINUTES;
        int horizon = defaultHorizon >= 1 && defaultHorizon <= SmsFhirFeed.MAX_HORIZON_DAYS ? defaultHorizon
                : SmsFhirFeed.DEFAULT_HORIZON_DAYS;
        f.choose(FeedSource.HL7V2, interval, horizon, actor.username(), clock.instant());
        return f;
    }

    /** The topic asked for: null (leave it), "" (none) or an absolute URL of at most 500 characters. */
    private static String topic(String raw) {
        if (raw == null) {
            return null;
        }
        String t = raw.strip();
        if (t.isEmpty()) {
            return "";
        }
        boolean absolute;
        try {
            java.net.URI uri = new java.net.URI(t);
            absolute = uri.isAbsolute() && uri.getScheme().matches("(?i)https?|urn") && !t.contains(" ");
        } catch (java.net.URISyntaxException e) {
            absolute = false;
        }
        if (!absolute || t.length() > SmsFhirSubscription.MAX_TOPIC) {
            throw new InvalidValueException("subscriptionTopic", "The Subscription topic is the canonical URL of the "
                    + "EHR's appointment SubscriptionTopic (an absolute http, https or urn address of at most "
                    + SmsFhirSubscription.MAX_TOPIC + " characters).").worded("sms.feed.topicInvalid");
        }
        return t;
    }

    private FhirFeedView view(SmsFhirFeed f) {
        FhirSubscriptionView subscription = subscriptions.find(f.endpointId()).filter(s -> s.topic().isPresent())
                .map(s -> new FhirSubscriptionView(s.topic().get(), s.state().name(), s.stateChangedAt(),
                        s.reason().orElse(null), s.lastContactAt().orElse(null), s.endsAt().orElse(null),
                        s.ehrSubscriptionId().orElse(null)))
                .orElse(null);
        return view(f, subscription);
    }

    static FhirFeedView view(SmsFhirFeed f, FhirSubscriptionView subscription) {
        return new FhirFeedView(f.endpointId(), f.source().name(), f.intervalMinutes(), f.horizonDays(),
                f.cursor().orElse(null), f.lastRunAt().orElse(null), f.lastSuccessAt().orElse(null),
                f.polling() ? f.nextPollAt() : null, f.lastFed(), f.lastSkipped(), f.lastSkipReasons(), f.failures(),
                f.failureKind().map(FhirFeedFailure::name).orElse(null), f.failureReason().orElse(null),
                f.failedAt().orElse(null), f.updatedBy(), f.updatedAt(), subscription,
                FhirFeedView.updates(f.source().name(), subscription));
    }

    private void requireEndpoint(UUID organizationId, UUID endpointId) {
        endpoints.find(endpointId).filter(e -> e.organizationId().equals(organizationId))
                .orElseThrow(() -> new InvalidValueException("endpointId", "This organization has no FHIR endpoint "
                        + "with this id.").worded("sms.endpoint.unknown"));
    }

    private static void requireMayLook(Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an operator or an administrator (ORG_ADMIN) of the organization may "
                    + "see its SMS settings.").worded("sms.forbidden.see");
        }
    }

    private static void requireMayChange(Actor actor, UUID organizationId) {
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an administrator (ORG_ADMIN) of the organization may change its SMS "
                    + "settings; operators may look at them.").worded("sms.forbidden.change");
        }
    }
}
