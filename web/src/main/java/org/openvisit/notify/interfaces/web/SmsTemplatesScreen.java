package org.openvisit.notify.interfaces.web;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.openvisit.identity.interfaces.web.CurrentUser;
import org.openvisit.notify.application.SmsTemplatePreviews;
import org.openvisit.notify.application.SmsTemplateService;
import org.openvisit.notify.application.TemplatePreview;
import org.openvisit.notify.application.TemplateView;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateText;
import org.openvisit.shared.interfaces.web.Formats;
import org.openvisit.shared.interfaces.web.PortalMessages;
import org.openvisit.shared.interfaces.web.SharedText;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/**
 * The "Message texts" card of {@code /sms.xhtml}: one kind of message in one language at a time, for the whole
 * organization or one endpoint ("Applies to"; an endpoint without its own wording sends the organization's), its
 * wording in an editor, a live preview computed on the server as the administrator types (the text with example values, its
 * characters, its segments and whether it goes as GSM-7 or UCS-2, and what would stop it being saved), Save (checked:
 * a refused text saves nothing and the page says why) and Reset to the shipped text.
 */
@Named
@ViewScoped
public class SmsTemplatesScreen implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private SmsTemplateService service;

    @Inject
    private SmsTemplatePreviews previews;

    @Inject
    private SmsScreen screen;

    @Inject
    private CurrentUser currentUser;

    @Inject
    private NotifyText text;

    @Inject
    private SharedText shared;

    private SmsTemplateKind kind = SmsTemplateKind.CONFIRMATION;
    private String language;
    /** The endpoint whose own wording is edited; null: the organization's. */
    private UUID endpointId;
    private String draft;
    private TemplateView current;
    private TemplatePreview preview;

    /** Reads the chosen kind and language (on the first view, and when either is changed). */
    public void choose() {
        if (screen.getOrganizationId() == null || !screen.isOrganizationKnown()) {
            return;
        }
        if (language == null) {
            language = languageOf(shared.getLocale());
        }
        if (!kind.perEndpoint()) {
            endpointId = null;
        }
        try {
            current = service.template(currentUser.actor(), screen.getOrganizationId(), endpointId, kind, language);
            draft = current.text();
            updatePreview();
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
    }

    /** The preview of what is in the editor (called as the administrator types). */
    public void updatePreview() {
        preview = previews.preview(kind, getLanguage(), draft, screen.getOrganizationName());
    }

    public void save() {
        try {
            current = service.save(currentUser.actor(), screen.getOrganizationId(), endpointId, kind, language, draft);
            draft = current.text();
            PortalMessages.info(text.get("sms.template.saved"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
        updatePreview();
    }

    public void reset() {
        try {
            current = service.reset(currentUser.actor(), screen.getOrganizationId(), endpointId, kind, language);
            draft = current.text();
            PortalMessages.info(text.get(endpointId == null ? "sms.template.resetDone"
                    : "sms.template.resetDone.endpoint"));
        } catch (RuntimeException refused) {
            PortalMessages.refused(refused);
        }
        updatePreview();
    }

    private void ensureLoaded() {
        if (current == null) {
            choose();
        }
    }

    /** The viewer's language among the messages' languages (the card opens on it), English otherwise. */
    static String languageOf(java.util.Locale viewer) {
        if ("zh".equals(viewer.getLanguage())) {
            return "TW".equals(viewer.getCountry()) || "Hant".equals(viewer.getScript()) ? "zh-TW" : "zh-CN";
        }
        return "ru".equals(viewer.getLanguage()) ? "ru" : "en";
    }

    public List<SmsTemplateKind> getKinds() {
        return List.of(SmsTemplateKind.values());
    }

    public List<String> getLanguages() {
        return SmsTemplateService.languages();
    }

    /** Whether the chosen kind may be worded per endpoint (not the answers to HELP, STOP and START). */
    public boolean isPerEndpoint() {
        return kind.perEndpoint();
    }

    /** What the card says about the wording shown: whose it is, who changed it last, or that it is the shipped text. */
    public String stateOf(Formats formats) {
        TemplateView c = getCurrent();
        if (c == null) {
            return "";
        }
        if (c.custom()) {
            return text.format(c.endpointId() == null ? "sms.template.state.custom" : "sms.template.state.customEndpoint",
                    c.updatedBy(), formats.instant(c.updatedAt()));
        }
        return text.get("ORGANIZATION".equals(c.source()) ? "sms.template.state.organization"
                : "sms.template.state.shipped");
    }

    /** The placeholders the chosen kind may use, braced. */
    public String getPlaceholders() {
        return SmsTemplateText.braced(kind);
    }

    public boolean isLinkRequired() {
        return kind.linkRequired();
    }

    public TemplateView getCurrent() {
        ensureLoaded();
        return current;
    }

    public TemplatePreview getPreview() {
        ensureLoaded();
        return preview;
    }

    /** "48 characters, 1 segment, GSM-7 (…)" in the viewer's words. */
    public String getLength() {
        TemplatePreview p = getPreview();
        if (p == null) {
            return "";
        }
        return text.format("sms.template.length", p.segments().characters(), p.segments().segments(),
                text.get("sms.template.encoding." + p.segments().encoding().name()), p.segments().units(),
                p.segments().encoding().single(), p.segments().encoding().perPart());
    }

    /** What would stop the editor's text being saved, in the viewer's words ("" when nothing). */
    public String getProblem() {
        TemplatePreview p = getPreview();
        return p == null || !p.refused() ? "" : shared.refusal(p.problem());
    }

    public SmsTemplateKind getKind() {
        return kind;
    }

    public void setKind(SmsTemplateKind kind) {
        this.kind = kind == null ? SmsTemplateKind.CONFIRMATION : kind;
    }

    /** "Applies to": "" for the organization, else the endpoint's id (one of the organization's: else the page's). */
    public String getScope() {
        return endpointId == null ? "" : endpointId.toString();
    }

    public void setScope(String scope) {
        this.endpointId = screen.getEndpoints().stream().map(e -> e.id())
                .filter(id -> id.toString().equals(scope)).findFirst().orElse(null);
    }

    public String getLanguage() {
        ensureLoaded();
        return language == null ? "en" : language;
    }

    public void setLanguage(String language) {
        this.language = language == null || !SmsTemplateService.languages().contains(language) ? "en" : language;
    }

    public String getDraft() {
        ensureLoaded();
        return draft;
    }

    public void setDraft(String draft) {
        this.draft = draft;
    }
}
