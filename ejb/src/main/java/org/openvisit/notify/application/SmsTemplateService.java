package org.openvisit.notify.application;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import org.openvisit.notify.domain.model.SmsActionForbiddenException;
import org.openvisit.notify.domain.model.SmsEndpointSettings;
import org.openvisit.notify.domain.model.SmsTemplate;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateRepository;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.OrganizationNotFoundException;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationRepository;
import org.openvisit.tenant.domain.model.Role;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * An organization's own wordings of its SMS (issue 15) per kind and language — the four scheduled messages, the
 * clinician's link and the answers to HELP, STOP and START — for all its endpoints or, except the answers, for one
 * endpoint (which then sends its own instead of the organization's); checked when saved ({@link SmsTemplatePreviews}:
 * placeholders, the join link, at most three segments with example values; a refused text saves nothing), and reset
 * (an endpoint's to the organization's wording, the organization's to the shipped text). Administrators (ORG_ADMIN)
 * of the organization change them; operators may look. A null endpoint means the organization's wording.
 */
@Stateless
public class SmsTemplateService {

    private static final Logger LOG = Logger.getLogger(SmsTemplateService.class.getName());

    @Inject
    private SmsTemplateRepository templates;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private SmsTexts texts;

    @Inject
    private SmsTemplatePreviews previews;

    private final Clock clock = Clock.systemUTC();

    /** Every kind in every language, as the organization (null endpoint) or the endpoint sends it now. */
    public List<TemplateView> templates(@NotNull Actor actor, @NotNull UUID organizationId, UUID endpointId) {
        requireMayLook(actor, organizationId);
        organization(organizationId);
        requireEndpointOf(organizationId, endpointId);
        List<SmsTemplate> all = templates.ofOrganization(organizationId);
        List<TemplateView> views = new ArrayList<>();
        for (SmsTemplateKind kind : SmsTemplateKind.values()) {
            if (endpointId != null && !kind.perEndpoint()) {
                continue;
            }
            for (String language : languages()) {
                views.add(view(kind, language, endpointId, of(all, kind, language, null),
                        of(all, kind, language, endpointId)));
            }
        }
        return views;
    }

    /** One kind in one language, as the organization (null endpoint) or the endpoint sends it now. */
    public TemplateView template(@NotNull Actor actor, @NotNull UUID organizationId, UUID endpointId,
                                 @NotNull SmsTemplateKind kind, @NotNull String language) {
        requireMayLook(actor, organizationId);
        requireLanguage(language);
        requireEndpointOf(organizationId, endpointId);
        requirePerEndpoint(kind, endpointId);
        return current(organizationId, endpointId, kind, language);
    }

    /** The text rendered with the example values and counted, as the page's preview shows it. */
    public TemplatePreview preview(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull SmsTemplateKind kind,
                                   @NotNull String language, String text) {
        requireMayLook(actor, organizationId);
        requireLanguage(language);
        return previews.preview(kind, language, text, organization(organizationId).name().value());
    }

    /**
     * Saves the organization's wording.
     *
     * @throws InvalidValueException (worded) what {@link SmsTemplatePreviews#preview} finds wrong; nothing is saved
     */
    public TemplateView save(@NotNull Actor actor, @NotNull UUID organizationId, UUID endpointId,
                             @NotNull SmsTemplateKind kind, @NotNull String language, String text) {
        requireMayChange(actor, organizationId);
        requireLanguage(language);
        requireEndpointOf(organizationId, endpointId);
        requirePerEndpoint(kind, endpointId);
        TemplatePreview preview = previews.preview(kind, language, text, organization(organizationId).name().value());
        if (preview.refused()) {
            throw preview.problem();
        }
        Optional<UUID> scope = Optional.ofNullable(endpointId);
        Optional<SmsTemplate> existing = templates.find(organizationId, scope, kind, language);
        if (existing.isPresent()) {
            existing.get().change(text, actor, clock.instant());
        } else {
            templates.add(new SmsTemplate(organizationId, scope, kind, language, text, actor, clock.instant()));
        }
        LOG.info(() -> "SMS template " + kind + " (" + language + ") of organization " + organizationId
                + (endpointId == null ? "" : ", endpoint " + endpointId) + " changed by " + actor.username());
        return current(organizationId, endpointId, kind, language);
    }

    /** Back to the organization's wording (an endpoint's) or to the shipped text (the organization's). */
    public TemplateView reset(@NotNull Actor actor, @NotNull UUID organizationId, UUID endpointId,
                              @NotNull SmsTemplateKind kind, @NotNull String language) {
        requireMayChange(actor, organizationId);
        requireLanguage(language);
        requireEndpointOf(organizationId, endpointId);
        requirePerEndpoint(kind, endpointId);
        if (templates.remove(organizationId, Optional.ofNullable(endpointId), kind, language)) {
            LOG.info(() -> "SMS template " + kind + " (" + language + ") of organization " + organizationId
                    + (endpointId == null ? " reset to the shipped text" : ", endpoint " + endpointId
                    + " reset to the organization's") + " by " + actor.username());
        }
        return current(organizationId, endpointId, kind, language);
    }

    /** The languages messages are written in, in the order the page lists them. */
    public static List<String> languages() {
        return List.of("en", "zh-CN", "zh-TW", "ru");
    }

    private TemplateView current(UUID organizationId, UUID endpointId, SmsTemplateKind kind, String language) {
        Optional<SmsTemplate> organizations = templates.find(organizationId, kind, language);
        Optional<SmsTemplate> own = endpointId == null ? organizations
                : templates.find(organizationId, Optional.of(endpointId), kind, language);
        return view(kind, language, endpointId, organizations, own);
    }

    private static Optional<SmsTemplate> of(List<SmsTemplate> all, SmsTemplateKind kind, String language,
                                            UUID endpointId) {
        return all.stream().filter(t -> t.kind() == kind && t.language().equals(language)
                && t.endpointId().equals(Optional.ofNullable(endpointId))).findFirst();
    }

    /** {@code own}: the wording of what was asked for (the endpoint, else the organization). */
    private TemplateView view(SmsTemplateKind kind, String language, UUID endpointId,
                              Optional<SmsTemplate> organizations, Optional<SmsTemplate> own) {
        String shipped = texts.defaultTemplate(kind, language);
        String fallback = endpointId == null ? shipped : organizations.map(SmsTemplate::body).orElse(shipped);
        String fallbackSource = endpointId == null || organizations.isEmpty() ? "SHIPPED" : "ORGANIZATION";
        return own.map(t -> new TemplateView(kind, language, endpointId, t.body(), true,
                        endpointId == null ? "ORGANIZATION" : "ENDPOINT", t.updatedBy(), t.updatedAt(), fallback))
                .orElseGet(() -> new TemplateView(kind, language, endpointId, fallback, false, fallbackSource, null,
                        null, fallback));
    }

    /** An endpoint of another organization is answered as one that does not exist. */
    private void requireEndpointOf(UUID organizationId, UUID endpointId) {
        if (endpointId != null && endpoints.find(endpointId)
                .filter(e -> e.organizationId().equals(organizationId)).isEmpty()) {
            throw new EndpointNotFoundException(endpointId);
        }
    }

    private static void requirePerEndpoint(SmsTemplateKind kind, UUID endpointId) {
        SmsTemplate.requireScope(kind, Optional.ofNullable(endpointId));
    }

    private Organization organization(UUID organizationId) {
        return organizations.find(organizationId).orElseThrow(() -> new OrganizationNotFoundException(organizationId));
    }

    private static void requireLanguage(String language) {
        if (!SmsEndpointSettings.LANGUAGES.contains(language)) {
            throw new InvalidValueException("language", "Messages are written in en, zh-CN, zh-TW or ru.")
                    .worded("sms.language");
        }
    }

    private static void requireMayLook(Actor actor, UUID organizationId) {
        if (!actor.hasRole(Role.OPERATOR) && !actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new ForbiddenException("Only an operator or an administrator (ORG_ADMIN) of the organization may "
                    + "see its SMS texts.");
        }
    }

    private static void requireMayChange(Actor actor, UUID organizationId) {
        if (!actor.hasRoleIn(Role.ORG_ADMIN, organizationId)) {
            throw new SmsActionForbiddenException();
        }
    }
}
