package org.openvisit.shared.domain.model;

import org.junit.jupiter.api.Test;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageTest {

    @Test
    void tagsAreReadAsTheBrowserLanguageReadsThem() {
        assertThat(Language.ofTag("en-GB")).contains(Language.ENGLISH);
        assertThat(Language.ofTag("zh-Hant-TW")).contains(Language.TRADITIONAL_CHINESE);
        assertThat(Language.ofTag("zh-HK")).contains(Language.TRADITIONAL_CHINESE);
        assertThat(Language.ofTag("zh-Hans-CN")).contains(Language.SIMPLIFIED_CHINESE);
        assertThat(Language.ofTag("zh")).contains(Language.SIMPLIFIED_CHINESE);
        assertThat(Language.ofTag("ru")).contains(Language.RUSSIAN);
        assertThat(Language.ofTag("de")).isEmpty();
        assertThat(Language.ofTag(null)).isEmpty();
        assertThat(Language.ofTag("x".repeat(40))).isEmpty();
    }

    @Test
    void eachLanguageComesBackFromItsOwnTag() {
        for (Language language : Language.values()) {
            assertThat(Language.ofTag(language.tag())).contains(language);
        }
        assertThat(Language.TRADITIONAL_CHINESE.locale()).isEqualTo(Locale.TRADITIONAL_CHINESE);
        for (Language language : Language.values()) {
            assertThat(org.openvisit.notify.domain.model.SmsEndpointSettings.LANGUAGES).contains(language.messageTag());
            assertThat(Language.ofTag(language.messageTag())).contains(language);
        }
    }
}
