package org.openvisit.tenant.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.shared.interfaces.web.LocalizedTexts;
import org.openvisit.shared.interfaces.web.RequestTexts;
import org.openvisit.tenant.application.EndpointFraming;
import org.openvisit.tenant.application.IntegrationRecord;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EndpointStatus;
import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The tenant context's portal texts ({@value #BUNDLE}) in the browser's language: {@code #{tenantText.get('key')}}
 * and {@code #{tenantText.format('key', value)}} on pages, {@link #of(HttpServletRequest)} in servlets.
 */
@Named
@RequestScoped
public class TenantText extends RequestTexts<TenantText.Texts> {

    public static final String BUNDLE = "org.openvisit.tenant.interfaces.web.Messages";

    /** The texts for a servlet's request. */
    public static Texts of(HttpServletRequest request) {
        Locale locale = BrowserLanguage.of(request);
        return new Texts(locale, BrowserLanguage.bundle(BUNDLE, locale));
    }

    @Override
    protected Texts textsFor(HttpServletRequest request) {
        return of(request);
    }

    /** An endpoint status as a word ({@code status.AWAITING_APPROVAL}). */
    public String status(EndpointStatus status) {
        return texts().status(status);
    }

    /** What a history row did, as words ({@code action.APPROVE}). */
    public String action(EndpointAction action) {
        return texts().get("action." + action.name());
    }

    /**
     * An integration record's name on the page ({@code records.redirectUri.label}); downloads keep the service's, and
     * so does the page for a record the bundle does not know yet.
     */
    public String recordLabel(IntegrationRecord record) {
        String key = "records." + record.key() + ".label";
        return texts().bundle().containsKey(key) ? texts().get(key) : record.label();
    }

    /** What an integration record is for ({@code records.scopes.hint}); the framing one says who set it. */
    public String recordHint(IntegrationRecord record, EndpointFraming framing) {
        if ("frameAncestors".equals(record.key())) {
            return texts().get(framing != null && framing.setByAdmin()
                    ? "records.frameAncestors.hint.admin" : "records.frameAncestors.hint.default");
        }
        String key = "records." + record.key() + ".hint";
        return texts().bundle().containsKey(key) ? texts().get(key) : record.hint();
    }

    /** A FHIR environment as words ({@code environment.PRODUCTION}). */
    public String environment(FhirEnvironment environment) {
        return texts().get("environment." + environment.name());
    }

    /** A data region as words in the viewer's language ({@code region.EMEA}). */
    public String region(DataRegion region) {
        return texts().get("region." + region.name());
    }

    /** An EHR vendor as words in the viewer's language ({@code vendor.OTHER_SMART}). */
    public String vendor(EhrVendor vendor) {
        return texts().get("vendor." + vendor.name());
    }

    /** A Teams meeting option as words ({@code teams.lobby.ORGANIZATION}, {@code teams.chat.LIMITED}). */
    public String teamsOption(String kind, Enum<?> option) {
        return texts().get("teams." + kind + "." + option.name());
    }

    /** The language of the texts, for the {@code lang} attribute of what shows them. */
    public String getLanguageTag() {
        return texts().locale().toLanguageTag();
    }

    /** The texts of one language. */
    public record Texts(Locale locale, ResourceBundle bundle) implements LocalizedTexts {

        public String status(EndpointStatus status) {
            return get("status." + status.name());
        }
    }
}
