package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.notify.domain.model.ConsentKind;
import org.openvisit.notify.domain.model.SmsConsent;
import org.openvisit.notify.domain.model.SmsConsentRepository;
import org.openvisit.notify.domain.model.SmsNumber;
import org.openvisit.notify.domain.model.SmsNumberRepository;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.OrganizationNotFoundException;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * An organization's SMS setup (issue 15): its two consents, and its sending numbers — asked for (the durable
 * {@link SmsProvisioningJob} then gets them from the carrier), retried after a failure, released, linked to the
 * organization's FHIR endpoints. Administrators (ORG_ADMIN) of the organization change it; operators may look.
 */
@Stateless
public class SmsSetupService {

    private static final Logger LOG = Logger.getLogger(SmsSetupService.class.getName());

    @Inject
    private SmsConsentRepository consents;

    @Inject
    private SmsNumberRepository numbers;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private SmsCarrier carrier;

    private final Clock clock = Clock.systemUTC();

    /** The organization's SMS setup. */
    public SmsSetupView view(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayLook(actor, organizationId);
        requireOrganization(organizationId);
        return view(organizationId);
    }

    /** One of its numbers (the page and the API poll this while provisioning runs). */
    public SmsNumberView number(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID numberId) {
        requireMayLook(actor, organizationId);
        return view(numberOf(organizationId, numberId));
    }

    /** Gives one consent (nothing changes if it is given already). */
    public SmsSetupView grant(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull ConsentKind kind) {
        requireMayChange(actor, organizationId);
        requireOrganization(organizationId);
        SmsConsent consent = consents.find(organizationId).orElseGet(() -> {
            SmsConsent fresh = new SmsConsent(organizationId);
            consents.add(fresh);
            return fresh;
        });
        if (consent.grant(kind, actor, clock.instant())) {
            LOG.info(() -> "SMS consent " + kind + " given for organization " + organizationId + " by "
                    + actor.username());
        }
        return view(organizationId);
    }

    /** Withdraws one consent: no number can be asked for or retried, and nothing will be sent, until it is given again. */
    public SmsSetupView withdraw(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull ConsentKind kind) {
        requireMayChange(actor, organizationId);
        requireOrganization(organizationId);
        consents.find(organizationId).ifPresent(consent -> {
            if (consent.withdraw(kind, actor, clock.instant())) {
                LOG.info(() -> "SMS consent " + kind + " withdrawn for organization " + organizationId + " by "
                        + actor.username());
            }
        });
        return view(organizationId);
    }

    /**
     * Asks for a new number (country ISO 3166 alpha-2, area code optional); the provisioning job gets it from the
     * carrier. Answers at once with the number REQUESTED.
     */
    public SmsNumberView requestNumber(@NotNull Actor actor, @NotNull UUID organizationId, String country,
                                       String areaCode) {
        requireMayChange(actor, organizationId);
        requireOrganization(organizationId);
        SmsConsent consent = consents.find(organizationId).orElseGet(() -> new SmsConsent(organizationId));
        SmsNumber number = SmsNumber.request(consent, country == null || country.isBlank() ? "US" : country, areaCode,
                actor, clock.instant());
        numbers.add(number);
        LOG.info(() -> "SMS number " + number.id() + " requested for organization " + organizationId + " by "
                + actor.username());
        return view(number);
    }

    /** Asks again for a number whose provisioning failed. */
    public SmsNumberView retry(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID numberId) {
        requireMayChange(actor, organizationId);
        SmsNumber number = numberOf(organizationId, numberId);
        number.retry(consents.find(organizationId).orElseGet(() -> new SmsConsent(organizationId)), actor,
                clock.instant());
        return view(number);
    }

    /** Gives a number back to the carrier (or abandons a failed request). */
    public SmsNumberView release(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID numberId) {
        requireMayChange(actor, organizationId);
        SmsNumber number = numberOf(organizationId, numberId);
        boolean held = number.status() == SmsNumberStatus.ACTIVE;
        number.release(actor, clock.instant());
        if (held) {
            number.number().ifPresent(carrier::release);
        }
        LOG.info(() -> "SMS number " + numberId + " released by " + actor.username());
        return view(number);
    }

    /**
     * Lets the number serve one of the organization's FHIR endpoints.
     *
     * @throws InvalidValueException the organization has no such endpoint (another organization's counts as none)
     */
    public SmsNumberView link(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID numberId,
                              @NotNull UUID endpointId) {
        requireMayChange(actor, organizationId);
        SmsNumber number = numberOf(organizationId, numberId);
        endpoints.find(endpointId).filter(e -> e.organizationId().equals(organizationId))
                .orElseThrow(() -> new InvalidValueException("endpointId", "This organization has no FHIR endpoint "
                        + "with this id: a number can serve only the organization's own endpoints.")
                        .worded("sms.endpoint.notOwn"));
        number.link(endpointId, actor, clock.instant());
        return view(number);
    }

    /** Takes an endpoint off the number. */
    public SmsNumberView unlink(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull UUID numberId,
                                @NotNull UUID endpointId) {
        requireMayChange(actor, organizationId);
        SmsNumber number = numberOf(organizationId, numberId);
        number.unlink(endpointId, actor, clock.instant());
        return view(number);
    }

    private SmsNumber numberOf(UUID organizationId, UUID numberId) {
        return numbers.find(numberId).filter(n -> n.organizationId().equals(organizationId))
                .orElseThrow(SmsNumberNotFoundException::new);
    }

    private void requireOrganization(UUID organizationId) {
        organizations.find(organizationId).orElseThrow(() -> new OrganizationNotFoundException(organizationId));
    }

    private SmsSetupView view(UUID organizationId) {
        SmsConsent consent = consents.find(organizationId).orElseGet(() -> new SmsConsent(organizationId));
        List<ConsentView> given = Arrays.stream(ConsentKind.values()).map(kind -> consent.given(kind)
                .map(g -> new ConsentView(kind, true, g.by(), g.at()))
                .orElseGet(() -> new ConsentView(kind, false, null, null))).toList();
        List<ConsentChangeView> history = new ArrayList<>(consent.history().stream()
                .map(c -> new ConsentChangeView(c.kind(), c.action(), c.actor(), c.at())).toList());
        Collections.reverse(history);
        return new SmsSetupView(organizationId, consent.bothGiven(), given, history,
                numbers.findByOrganization(organizationId).stream().map(SmsSetupService::view).toList());
    }

    static SmsNumberView view(SmsNumber n) {
        return new SmsNumberView(n.id(), n.status(), n.status().isUnfinished(),
                n.number().map(x -> x.e164()).orElse(null), n.number().map(x -> x.international()).orElse(null),
                n.country(), n.areaCode().orElse(null), n.failure().orElse(null), n.attempts(), n.requestedBy(),
                n.requestedAt(), List.copyOf(n.endpoints()));
    }

    private static void requireMayLook(Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an operator or an administrator (ORG_ADMIN) of the organization may "
                    + "see its SMS setup.").worded("sms.forbidden.see");
        }
    }

    private static void requireMayChange(Actor actor, UUID organizationId) {
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an administrator (ORG_ADMIN) of the organization may change its SMS "
                    + "setup; operators may look at it.").worded("sms.forbidden.change");
        }
    }
}
