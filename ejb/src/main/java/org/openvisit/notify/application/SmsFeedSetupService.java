package org.openvisit.notify.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.notify.domain.model.DeliveryGroup;
import org.openvisit.notify.domain.model.FeedRefusalCount;
import org.openvisit.notify.domain.model.QuietHours;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsEndpointSettingsRepository;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.secrets.MasterKey;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.Role;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * Per endpoint: what SMS sends (confirmations, reminders, from which number, in which language) and how its EHR's
 * feed is recognised (the HTTPS feed's secret, made here and shown once, and/or the interface engine's certificate;
 * the MLLP sending facility); and the
 * built-in carrier's outbox. Administrators (ORG_ADMIN) of the organization change them; operators may look.
 */
@Stateless
public class SmsFeedSetupService {

    private static final Logger LOG = Logger.getLogger(SmsFeedSetupService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    private SmsEndpointSettingsRepository settings;

    @jakarta.ejb.EJB
    private FeedRefusals refusals;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private SmsNumberRepository numbers;

    @Inject
    private MasterKey masterKey;

    @EJB
    private SmsSendWork work;

    @EJB
    private RegionDirectory regions;

    @jakarta.inject.Inject
    private org.openvisit.tenant.domain.model.OrganizationRepository organizations;

    private final Clock clock = Clock.systemUTC();

    /** The endpoint's settings (the defaults when none are saved). */
    public EndpointSmsView settings(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID endpointId) {
        requireMayLook(actor, organizationId);
        requireEndpoint(organizationId, endpointId);
        return settings.find(endpointId).map(this::view).orElseGet(() -> {
            // the defaults, never saved: nobody changed them yet
            EndpointSmsView d = view(new SmsEndpointSettings(organizationId, endpointId, actor.username(),
                    clock.instant()));
            // messages start in the organization's language for patients
            String language = organizations.find(organizationId).map(o -> o.patientLanguage().messageTag())
                    .orElse(d.language());
            return new EndpointSmsView(d.endpointId(), d.confirmation(), d.reminderMinutes(), d.numberId(),
                    d.phoneRegion(), language, d.timeZone(), d.sendingFacility(), d.feedSecretSet(), null, null,
                    null, null, null);
        });
    }

    /** @throws InvalidValueException a value out of range, or a number or endpoint of another organization */
    public EndpointSmsView save(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID endpointId,
                                @NotNull EndpointSmsChange change) {
        requireMayChange(actor, organizationId);
        requireEndpoint(organizationId, endpointId);
        if (change.numberId() != null && numbers.find(change.numberId())
                .filter(n -> n.organizationId().equals(organizationId)).isEmpty()) {
            throw new InvalidValueException("numberId", "The organization has no number with this id.")
                    .worded("sms.number.unknown");
        }
        SmsEndpointSettings s = settingsOf(actor, organizationId, endpointId);
        s.change(change.confirmation() == null || change.confirmation(),
                new HashSet<>(change.reminderMinutes() == null ? List.of() : change.reminderMinutes()),
                change.numberId(), change.phoneRegion(), change.language(), change.sendingFacility() == null
                        ? s.sendingFacility().orElse(null) : change.sendingFacility(), change.timeZone(),
                QuietHours.of(change.quietFrom(), change.quietUntil()), actor.username(), clock.instant());
        if (s.sendingFacility().isPresent() && settings.findBySendingFacility(s.sendingFacility().get())
                .filter(other -> !other.endpointId().equals(endpointId)).isPresent()) {
            throw new InvalidValueException("sendingFacility", "Another endpoint uses this sending facility.")
                    .worded("sms.sendingFacility.taken");
        }
        LOG.info(() -> "SMS settings of endpoint " + endpointId + " changed by " + actor.username());
        return view(s);
    }

    /** Makes a new feed secret (the old one stops working at once) and shows it this once. */
    public FeedSecretView newFeedSecret(@NotNull Actor actor, @NotNull UUID organizationId,
                                        @NotNull UUID endpointId) {
        requireMayChange(actor, organizationId);
        requireEndpoint(organizationId, endpointId);
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        settingsOf(actor, organizationId, endpointId).feedSecret(masterKey.sealer().seal(
                SmsFeedService.SECRET_PURPOSE + endpointId, secret.getBytes(StandardCharsets.UTF_8)),
                actor.username(), clock.instant());
        LOG.info(() -> "SMS feed secret of endpoint " + endpointId + " replaced by " + actor.username());
        return new FeedSecretView(endpointId, secret, FeedSignature.HEADER, "/api/feeds/hl7v2/" + endpointId);
    }

    /**
     * Takes the certificate of the EHR's interface engine (PEM or DER) for the HTTPS feed, replacing any before; the
     * feed then takes messages signed by its private key (beside the feed secret, if one is set).
     *
     * @throws InvalidValueException not one readable certificate, not valid now, or a key OpenVisit cannot verify
     */
    public EndpointSmsView uploadFeedCertificate(@NotNull Actor actor, @NotNull UUID organizationId,
                                                 @NotNull UUID endpointId, byte[] upload) {
        requireMayChange(actor, organizationId);
        requireEndpoint(organizationId, endpointId);
        FeedCertificate certificate = FeedCertificate.upload(upload, clock.instant());
        SmsEndpointSettings s = settingsOf(actor, organizationId, endpointId);
        s.feedCertificate(certificate.base64(), actor.username(), clock.instant());
        LOG.info(() -> "SMS feed certificate of endpoint " + endpointId + " replaced by " + actor.username()
                + " (SHA-256 " + certificate.fingerprint() + ")");
        return view(s);
    }

    /** Removes the endpoint's certificate: messages signed by its key are refused from now on. */
    public EndpointSmsView removeFeedCertificate(@NotNull Actor actor, @NotNull UUID organizationId,
                                                 @NotNull UUID endpointId) {
        requireMayChange(actor, organizationId);
        requireEndpoint(organizationId, endpointId);
        SmsEndpointSettings s = settingsOf(actor, organizationId, endpointId);
        if (s.feedCertificate().isPresent()) {
            s.feedCertificate(null, actor.username(), clock.instant());
            LOG.info(() -> "SMS feed certificate of endpoint " + endpointId + " removed by " + actor.username());
        }
        return view(s);
    }

    /** The built-in carrier's outbox of the organization, newest first (numbers masked). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<OutboxView> outbox(@NotNull Actor actor, @NotNull UUID organizationId, int max) {
        return outbox(actor, organizationId, null, max);
    }

    /** The outbox's messages of one delivery group (null: all), newest first (numbers masked). */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<OutboxView> outbox(@NotNull Actor actor, @NotNull UUID organizationId, DeliveryGroup group, int max) {
        requireMayLook(actor, organizationId);
        return work.outbox(regions.regionOfOrganization(organizationId), organizationId, group,
                Math.max(1, Math.min(max, 500)));
    }

    /** How many messages each endpoint's appointment feed refused, per reason (from the database). */
    public List<FeedRefusalCount> refusals(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayLook(actor, organizationId);
        return refusals.of(organizationId);
    }

    private SmsEndpointSettings settingsOf(Actor actor, UUID organizationId, UUID endpointId) {
        return settings.find(endpointId).orElseGet(() -> {
            SmsEndpointSettings fresh = new SmsEndpointSettings(organizationId, endpointId, actor.username(),
                    clock.instant());
            settings.add(fresh);
            return fresh;
        });
    }

    private void requireEndpoint(UUID organizationId, UUID endpointId) {
        endpoints.find(endpointId).filter(e -> e.organizationId().equals(organizationId))
                .orElseThrow(() -> new InvalidValueException("endpointId", "This organization has no FHIR endpoint "
                        + "with this id.").worded("sms.endpoint.unknown"));
    }

    private EndpointSmsView view(SmsEndpointSettings s) {
        FeedCertificateView certificate = s.feedCertificate().flatMap(FeedCertificate::stored)
                .map(c -> FeedCertificateView.of(c, s.feedCertificateBy(), s.feedCertificateAt(), clock.instant()))
                .orElse(null);
        return new EndpointSmsView(s.endpointId(), s.confirmation(), List.copyOf(s.reminderMinutes()),
                s.numberId().orElse(null), s.phoneRegion(), s.language(), s.timeZone().getId(),
                s.sendingFacility().orElse(null), s.feedSecret().isPresent(), s.updatedBy(), s.updatedAt(),
                s.quietHours().fromText(), s.quietHours().untilText(), certificate);
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
