package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import org.openvisit.notify.domain.model.SendingNumber;
import org.openvisit.notify.domain.model.SmsKeyword;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsEndpointSettingsRepository;
import org.openvisit.notify.domain.model.SmsNumber;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateRepository;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The global reads an inbound message needs, in a transaction of their own. */
@Stateless
public class SmsInboundLookup {

    /**
     * The organization's number that received it, with what the reply needs: the language (that of the first endpoint
     * the number serves) and the organization's own wording in it of the answers to HELP, STOP and START (a keyword
     * without one: the shipped text).
     */
    public record Receiver(DataRegion region, String number, String organizationName, String language,
                           Map<SmsKeyword, String> ownReplies) {

        public Receiver {
            ownReplies = Map.copyOf(ownReplies);
        }

        /** The organization's wording of the answer to {@code keyword}, or null for the shipped text. */
        public String ownReply(SmsKeyword keyword) {
            return ownReplies.get(keyword);
        }
    }

    @Inject
    private SmsTemplateRepository templates;

    @Inject
    private SmsNumberRepository numbers;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private SmsEndpointSettingsRepository settings;

    /** The organization whose active number received a carrier's inbound message, if any. */
    public Optional<UUID> organizationOf(String to) {
        try {
            return numbers.findHeld(SendingNumber.of(to).e164()).filter(n -> n.status() == SmsNumberStatus.ACTIVE)
                    .map(SmsNumber::organizationId);
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    public Optional<Receiver> receiver(UUID organizationId, String to) {
        String e164;
        try {
            e164 = SendingNumber.of(to).e164();
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
        Optional<Organization> organization = organizations.find(organizationId);
        Optional<SmsNumber> number = numbers.findByOrganization(organizationId).stream()
                .filter(n -> n.status() == SmsNumberStatus.ACTIVE)
                .filter(n -> n.number().map(SendingNumber::e164).filter(e164::equals).isPresent()).findFirst();
        if (organization.isEmpty() || number.isEmpty()) {
            return Optional.empty();
        }
        String language = number.get().endpoints().stream().map(settings::find).flatMap(Optional::stream)
                .map(SmsEndpointSettings::language).findFirst().orElse("en");
        Map<SmsKeyword, String> ownReplies = new EnumMap<>(SmsKeyword.class);
        for (SmsKeyword keyword : SmsKeyword.values()) {
            templates.find(organizationId, SmsTemplateKind.answerTo(keyword), language)
                    .ifPresent(t -> ownReplies.put(keyword, t.body()));
        }
        return Optional.of(new Receiver(organization.get().dataRegion(), e164, organization.get().name().value(),
                language, ownReplies));
    }
}
