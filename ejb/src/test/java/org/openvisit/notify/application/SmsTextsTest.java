package org.openvisit.notify.application;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.domain.model.SmsTemplateKind;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class SmsTextsTest {

    private final SmsTexts texts = new SmsTexts();
    private static final Instant START = Instant.parse("2026-12-05T19:30:00Z");

    @Test
    void theBodyHasTheOrganizationLocalTimeAndLinkInTheLanguage() {
        String en = texts.body("CONFIRMATION", "en", "North Clinic", START, ZoneId.of("America/New_York"),
                "https://ov.example/j/abc");
        assertThat(en).contains("North Clinic").contains("2:30").contains("https://ov.example/j/abc")
                .contains("STOP");
        String ru = texts.body("REMINDER", "ru", "Клиника", START, ZoneId.of("Europe/Moscow"), "L");
        assertThat(ru).contains("22:30").contains("напоминание");
        String zh = texts.body("CANCELLATION", "zh-CN", "诊所", START, ZoneId.of("Asia/Shanghai"), "L");
        assertThat(zh).contains("取消").doesNotContain("{");
        assertThat(texts.body("UPDATE", "zh-TW", "診所", START, ZoneId.of("Asia/Taipei"), "L")).contains("改到");
    }

    @Test
    void theLinkFromTheVisitPageIsOneShortMessageInEachLanguageWithTheLinkAndStop() {
        String link = "https://ov.example/j/k3m9p2x7qa";
        for (String language : new String[] {"en", "zh-CN", "zh-TW", "ru"}) {
            String body = texts.link(language, "North Clinic", link);
            assertThat(body).as(language).contains("North Clinic", link).doesNotContain("{", "}");
            assertThat(body).as(language).containsAnyOf("STOP", "СТОП");
        }
        assertThat(texts.link("en", "North Clinic", link)).contains("video visit is open").hasSizeLessThanOrEqualTo(160);
        assertThat(texts.link("ru", "Клиника", link)).contains("видеоприём открыт");
        assertThat(texts.link("zh-CN", "诊所", link)).contains("视频就诊已开始");
        assertThat(texts.link("zh-TW", "診所", link)).contains("視訊看診已開始");
        assertThat(texts.link("fr", "North Clinic", link)).isEqualTo(texts.link("en", "North Clinic", link));
    }

    @Test
    void everyBundleHasEveryKey() throws IOException {
        Properties base = load("");
        for (String suffix : new String[] {"_zh_CN", "_zh_TW", "_ru"}) {
            assertThat(load(suffix).stringPropertyNames()).as(suffix)
                    .containsExactlyInAnyOrderElementsOf(base.stringPropertyNames());
        }
    }

    private static Properties load(String suffix) throws IOException {
        Properties p = new Properties();
        try (InputStream in = SmsTexts.class.getResourceAsStream("SmsTexts" + suffix + ".properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void repliesToKeywords() {
        assertThat(texts.reply("STOP", "en", "North Clinic")).contains("no more messages");
        assertThat(texts.reply("HELP", "ru", "Клиника")).contains("СТОП");
    }

    @Test
    void anOrganizationsOwnWordingOfAKeywordsAnswerIsSentInstead() {
        assertThat(texts.reply("START", "en", "{organization}: welcome back.", "North Clinic"))
                .isEqualTo("North Clinic: welcome back.");
        assertThat(texts.reply("STOP", "zh-CN", null, "北方诊所")).as("no own wording: the shipped one")
                .isEqualTo(texts.reply("STOP", "zh-CN", "北方诊所"));
    }

    @Test
    void theAnswersToStopAndStartCanBeWordedAndResetToTheShippedText() {
        for (String language : new String[]{"en", "zh-CN", "zh-TW", "ru"}) {
            assertThat(texts.defaultTemplate(SmsTemplateKind.STOP, language)).contains("{organization}")
                    .isEqualTo(texts.reply("STOP", language, "{organization}"));
            assertThat(texts.defaultTemplate(SmsTemplateKind.START, language)).contains("{organization}")
                    .isEqualTo(texts.reply("START", language, "{organization}"));
        }
    }
}
