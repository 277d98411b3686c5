package org.openvisit.tenant.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrUserNotStaffException;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EndpointAction;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.EndpointChangedDuringSignInException;
import org.openvisit.tenant.domain.model.EndpointStatus;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The tenant bundle: every key in all four languages, every pattern well formed, every reason and status worded. */
class TenantMessagesTest {

    /** Names the same in every language. */
    private static final Set<String> PRODUCT_NAMES = Set.of("vendor.EPIC", "vendor.ORACLE_HEALTH", "organizations.teams",
            "organizations.platform.teams", "teams.title");

    private static ResourceBundle bundle(Locale locale) {
        return BrowserLanguage.bundle(TenantText.BUNDLE, locale);
    }

    @Test
    void everyLanguageHasEveryKeyTranslated() {
        Set<String> english = new TreeSet<>(bundle(Locale.ENGLISH).keySet());
        for (Locale locale : BrowserLanguage.all()) {
            ResourceBundle texts = bundle(locale);
            assertThat(new TreeSet<>(texts.keySet())).as(locale.toString()).isEqualTo(english);
            for (String key : english) {
                String text = texts.getString(key);
                assertThat(text).as(locale + " " + key).isNotBlank();
                if (!Locale.ENGLISH.equals(locale) && !PRODUCT_NAMES.contains(key)) {
                    assertThat(text).as(locale + " " + key + " is translated")
                            .isNotEqualTo(bundle(Locale.ENGLISH).getString(key));
                }
                // formats without throwing, and keeps its placeholders
                String formatted = new MessageFormat(text, locale).format(new Object[]{"A0", "B1"});
                if (bundle(Locale.ENGLISH).getString(key).contains("{1}")) {
                    assertThat(formatted).as(locale + " " + key).contains("A0").contains("B1");
                } else if (bundle(Locale.ENGLISH).getString(key).contains("{0}")) {
                    assertThat(formatted).as(locale + " " + key).contains("A0");
                }
            }
        }
    }

    @Test
    void everyRefusalReasonChangeAndStatusHasWords() {
        ResourceBundle english = bundle(Locale.ENGLISH);
        for (EhrUserNotStaffException.Reason reason : EhrUserNotStaffException.Reason.values()) {
            assertThat(english.containsKey("ehrSignIn.refused." + reason.name())).as(reason.name()).isTrue();
        }
        for (EndpointChangedDuringSignInException.Change change : EndpointChangedDuringSignInException.Change.values()) {
            assertThat(english.containsKey("ehrSignIn.discarded." + change.name())).as(change.name()).isTrue();
        }
        for (EndpointAction action : EndpointAction.values()) {
            assertThat(english.containsKey("action." + action.name())).as(action.name()).isTrue();
        }
        for (FhirEnvironment environment : FhirEnvironment.values()) {
            assertThat(english.containsKey("environment." + environment.name())).as(environment.name()).isTrue();
        }
        for (DataRegion region : DataRegion.values()) {
            assertThat(english.containsKey("region." + region.name())).as(region.name()).isTrue();
        }
        for (EhrVendor vendor : EhrVendor.values()) {
            assertThat(english.containsKey("vendor." + vendor.name())).as(vendor.name()).isTrue();
        }
        for (EndpointStatus status : EndpointStatus.values()) {
            assertThat(english.getString("status." + status.name())).doesNotContain("_");
        }
    }

    @Test
    void apostrophesSurviveFormatting() {
        TenantText.Texts texts = new TenantText.Texts(Locale.ENGLISH, bundle(Locale.ENGLISH));
        assertThat(texts.format("ehrSignIn.refused.RELATED_PERSON")).contains("patient's relative");
        assertThat(texts.format("ehrSignIn.discarded.BASE_URL", "https://b.example.org/fhir", "https://a.example.org/fhir"))
                .startsWith("The endpoint's FHIR base URL was changed to https://b.example.org/fhir while you were "
                        + "signing in at https://a.example.org/fhir.");
        TenantText.Texts russian = new TenantText.Texts(BrowserLanguage.RUSSIAN, bundle(BrowserLanguage.RUSSIAN));
        assertThat(russian.format("ehrSignIn.discarded.STATUS", russian.status(EndpointStatus.WITHDRAWN)))
                .contains("«Отозвана»");
    }
}
