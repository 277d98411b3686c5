package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.SmsConsent;
import org.openvisit.notify.domain.model.SmsConsentRepository;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsEndpointSettingsRepository;
import org.openvisit.notify.domain.model.SmsNumber;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.notify.domain.model.SmsTemplate;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateRepository;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The feed's and the sender's reads of the global store, each in its own short transaction. */
@Stateless
public class SmsFeedLookup {

    @Inject
    private SmsEndpointSettingsRepository settings;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private SmsConsentRepository consents;

    @Inject
    private SmsNumberRepository numbers;

    @Inject
    private SmsTemplateRepository templates;

    /** The endpoint's feed settings, if it has an SMS feed set up. */
    public Optional<FeedEndpoint> byEndpoint(UUID endpointId) {
        return settings.find(endpointId).flatMap(this::feed);
    }

    /** The endpoint whose EHR sends as this facility (MSH-4). */
    public Optional<FeedEndpoint> byFacility(String facility) {
        return facility == null ? Optional.empty() : settings.findBySendingFacility(facility).flatMap(this::feed);
    }

    private Optional<FeedEndpoint> feed(SmsEndpointSettings s) {
        return organizations.find(s.organizationId()).map(o -> new FeedEndpoint(o.id(), s.endpointId(),
                o.dataRegion(), s.confirmation(), s.reminderMinutes(), s.feedSecret(), s.phoneRegion(),
                s.timeZone(), s.feedCertificate()));
    }

    /** What sending for the endpoint needs (empty: the organization or the endpoint's settings are gone). */
    public Optional<SendContext> sendContext(UUID organizationId, UUID endpointId) {
        Optional<Organization> organization = organizations.find(organizationId);
        Optional<SmsEndpointSettings> s = settings.find(endpointId);
        if (organization.isEmpty() || s.isEmpty()) {
            return Optional.empty();
        }
        boolean consented = consents.find(organizationId).map(SmsConsent::bothGiven).orElse(false);
        Optional<SmsNumber> number = s.get().numberId().flatMap(numbers::find)
                .filter(n -> n.organizationId().equals(organizationId))
                .or(() -> numbers.findByOrganization(organizationId).stream()
                        .filter(n -> n.status() == SmsNumberStatus.ACTIVE)
                        .filter(n -> n.endpoints().contains(endpointId)).findFirst());
        Optional<String> from = number.filter(n -> n.status() == SmsNumberStatus.ACTIVE)
                .flatMap(SmsNumber::number).map(n -> n.e164());
        String language = s.get().language();
        // the endpoint's own wording of a kind, else the organization's (else, absent, the shipped text)
        Map<SmsTemplateKind, String> wordings = new EnumMap<>(SmsTemplateKind.class);
        List<SmsTemplate> inLanguage = templates.ofOrganization(organizationId).stream()
                .filter(t -> t.language().equals(language)).toList();
        inLanguage.stream().filter(t -> t.endpointId().isEmpty()).forEach(t -> wordings.put(t.kind(), t.body()));
        inLanguage.stream().filter(t -> t.endpointId().filter(endpointId::equals).isPresent())
                .forEach(t -> wordings.put(t.kind(), t.body()));
        return Optional.of(new SendContext(organizationId, endpointId, consented, from,
                organization.get().name().value(), language, s.get().timeZone(), s.get().quietHours(), wordings));
    }
}
