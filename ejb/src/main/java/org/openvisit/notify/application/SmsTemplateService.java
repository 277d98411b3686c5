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
import org.openvisit.tenant.application.OrganizationNotFoundException;
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
 * clinician's link and the answer to HELP — checked when saved ({@link SmsTemplatePreviews}: placeholders, the join
 * link, at most three segments with example values; a refused text saves nothing), and reset to the shipped text.
 * Administrators (ORG_ADMIN) of the organization change them; operators may look.
 */
@Stateless
public class SmsTemplateService {

    private static final Logger LOG = Logger.getLogger(SmsTemplateService.class.getName());

    @Inject
    private SmsTemplateRepository templates;

    @Inject
    private OrganizationRepository organizations;

    @Inject
    private SmsTexts texts;

    @Inject
    private SmsTemplatePreviews previews;

    private final Clock clock = Clock.systemUTC();

    /** Every kind in every language, as sent now. */
    public List<TemplateView> templates(@NotNull Actor actor, @NotNull UUID organizationId) {
        requireMayLook(actor, organizationId);
        organization(organizationId);
        List<SmsTemplate> own = templates.ofOrganization(organizationId);
        List<TemplateView> views = new ArrayList<>();
        for (SmsTemplateKind kind : SmsTemplateKind.values()) {
            for (String language : languages()) {
                views.add(view(kind, language, own.stream().filter(t -> t.kind() == kind
                        && t.language().equals(language)).findFirst()));
            }
        }
        return views;
    }

    /** One kind in one language, as sent now. */
    public TemplateView template(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull SmsTemplateKind kind,
                                 @NotNull String language) {
        requireMayLook(actor, organizationId);
        requireLanguage(language);
        return view(kind, language, templates.find(organizationId, kind, language));
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
    public TemplateView save(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull SmsTemplateKind kind,
                             @NotNull String language, String text) {
        requireMayChange(actor, organizationId);
        requireLanguage(language);
        TemplatePreview preview = previews.preview(kind, language, text, organization(organizationId).name().value());
        if (preview.refused()) {
            throw preview.problem();
        }
        Optional<SmsTemplate> existing = templates.find(organizationId, kind, language);
        if (existing.isPresent()) {
            existing.get().change(text, actor, clock.instant());
        } else {
            templates.add(new SmsTemplate(organizationId, kind, language, text, actor, clock.instant()));
        }
        LOG.info(() -> "SMS template " + kind + " (" + language + ") of organization " + organizationId
                + " changed by " + actor.username());
        return view(kind, language, templates.find(organizationId, kind, language));
    }

    /** Back to the shipped text. */
    public TemplateView reset(@NotNull Actor actor, @NotNull UUID organizationId, @NotNull SmsTemplateKind kind,
                              @NotNull String language) {
        requireMayChange(actor, organizationId);
        requireLanguage(language);
        if (templates.remove(organizationId, kind, language)) {
            LOG.info(() -> "SMS template " + kind + " (" + language + ") of organization " + organizationId
                    + " reset to the shipped text by " + actor.username());
        }
        return view(kind, language, Optional.empty());
    }

    /** The languages messages are written in, in the order the page lists them. */
    public static List<String> languages() {
        return List.of("en", "zh-CN", "zh-TW", "ru");
    }

    private TemplateView view(SmsTemplateKind kind, String language, Optional<SmsTemplate> own) {
        String shipped = texts.defaultTemplate(kind, language);
        return own.map(t -> new TemplateView(kind, language, t.body(), true, t.updatedBy(), t.updatedAt(), shipped))
                .orElseGet(() -> new TemplateView(kind, language, shipped, false, null, null, shipped));
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
