package org.openvisit.tenant.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.interfaces.web.BrowserLanguage;
import org.openvisit.tenant.domain.model.InvalidFrameAncestorsException;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's words for the sites that may frame an endpoint (the bundle's completeness: TenantMessagesTest). */
class FramingMessagesTest {

    private static TenantText.Texts texts(Locale locale) {
        return new TenantText.Texts(locale, BrowserLanguage.bundle(TenantText.BUNDLE, locale));
    }

    @Test
    void everyRefusalHasAMessageInEveryLanguage() {
        for (Locale locale : BrowserLanguage.all()) {
            for (InvalidFrameAncestorsException.Problem problem : InvalidFrameAncestorsException.Problem.values()) {
                assertThat(texts(locale).format("framing.invalid." + problem, "https://a.example/x"))
                        .as(locale + " " + problem).isNotBlank().doesNotContain("{0}");
            }
        }
    }

    @Test
    void theRefusalSaysWhichValueAndWhy() {
        assertThat(texts(BrowserLanguage.RUSSIAN).format("framing.invalid.HAS_PATH", "https://a.example/x"))
                .startsWith("«https://a.example/x» содержит путь");
        assertThat(texts(BrowserLanguage.TRADITIONAL_CHINESE).get("framing.save")).isEqualTo("儲存網站");
        assertThat(texts(BrowserLanguage.SIMPLIFIED_CHINESE).get("framing.save")).isEqualTo("保存网站");
        assertThat(texts(Locale.ENGLISH).format("framing.invalid.TOO_MANY", 10)).isEqualTo("At most 10 sites can be listed.");
        assertThat(texts(Locale.ENGLISH).format("framing.hint", "https://fhir.example.org"))
                .contains("(https://fhir.example.org)");
    }
}
