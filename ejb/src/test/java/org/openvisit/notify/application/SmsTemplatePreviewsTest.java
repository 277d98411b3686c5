package org.openvisit.notify.application;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.domain.model.SmsSegments;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateText;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SmsTemplatePreviewsTest {

    private final SmsTexts texts = new SmsTexts();
    private final SmsTemplatePreviews previews = new SmsTemplatePreviews(texts, "https://ov.example.org/");

    @Test
    void everyShippedTextIsAValidTemplateThatFitsAndRendersAsBefore() {
        for (SmsTemplateKind kind : SmsTemplateKind.values()) {
            for (String language : SmsTemplateService.languages()) {
                String shipped = texts.defaultTemplate(kind, language);
                assertThat(SmsTemplateText.check(kind, shipped)).as(kind + " " + language).isEqualTo(shipped);
                TemplatePreview preview = previews.preview(kind, language, shipped, "North Clinic");
                assertThat(preview.refused()).as(kind + " " + language + ": " + preview.problem()).isFalse();
                assertThat(preview.text()).doesNotContain("{").contains("North Clinic");
            }
        }
        Instant start = Instant.parse("2027-03-09T19:30:00Z");
        ZoneId zone = ZoneId.of("America/New_York");
        assertThat(texts.body(SmsTemplateKind.CONFIRMATION, "en", null, "North Clinic", start, zone, "L", "Dr Li"))
                .isEqualTo(texts.body("CONFIRMATION", "en", "North Clinic", start, zone, "L"))
                .isEqualTo(new java.text.MessageFormat("{0}: your video visit is booked for {1} at {2}. Join: {3} "
                        + "Reply STOP to opt out.", java.util.Locale.ENGLISH).format(new Object[] {"North Clinic",
                        texts.values("en", "", start, zone, "", null).get("date"),
                        texts.values("en", "", start, zone, "", null).get("time"), "L"}))
                .contains("Mar 9, 2027").doesNotContain("Dr Li");
        assertThat(texts.defaultTemplate(SmsTemplateKind.HELP, "en"))
                .startsWith("{organization}: messages about your video visits.");
    }

    @Test
    void theOrganizationsWordingIsSentWithTheValuesInTheLanguagesFormat() {
        Instant start = Instant.parse("2027-03-09T11:30:00Z");
        assertThat(texts.body(SmsTemplateKind.REMINDER, "ru", "{organization}: {date}, {time}. {link}", "Клиника",
                start, ZoneId.of("Europe/Moscow"), "L", null)).startsWith("Клиника: 9 ").contains("2027")
                .endsWith(", 14:30. L");
        assertThat(texts.link("zh-CN", "{organization} 请点 {link}", "诊所", "L", null)).isEqualTo("诊所 请点 L");
        assertThat(texts.reply("HELP", "en", "Call {organization} on 555.", "North Clinic"))
                .isEqualTo("Call North Clinic on 555.");
        // STOP and START are worded alike; without the organization's own wording, the shipped answer
        assertThat(texts.reply("STOP", "en", "{organization}: unsubscribed.", "North Clinic"))
                .isEqualTo("North Clinic: unsubscribed.");
        assertThat(texts.reply("STOP", "en", null, "North Clinic")).contains("no more messages");
    }

    @Test
    void theClinicianIsNamedAsTheFeedSentThemOrInTheLanguagesWordsWhenItSentNone() {
        Instant start = Instant.parse("2027-03-09T11:30:00Z");
        String wording = "{clinician} ({organization}) {date} {time}: {link}";
        assertThat(texts.body(SmsTemplateKind.REMINDER, "en", wording, "North Clinic", start, ZoneId.of("UTC"), "L",
                "Dr Jane Smith")).startsWith("Dr Jane Smith (North Clinic) ").endsWith(": L");
        assertThat(texts.body(SmsTemplateKind.REMINDER, "en", wording, "North Clinic", start, ZoneId.of("UTC"), "L",
                null)).startsWith("your clinician (North Clinic) ");
        assertThat(texts.link("zh-TW", "{clinician}：{link}", "診所", "L", null)).isEqualTo("您的醫師：L");
        assertThat(texts.link("zh-CN", "{clinician}：{link}", "诊所", "L", null)).isEqualTo("您的医生：L");
        assertThat(texts.link("ru", "{clinician}: {link}", "Клиника", "L", null)).isEqualTo("ваш врач: L");
    }

    @Test
    void thePreviewCountsSegmentsAndSaysWhatIsWrong() {
        TemplatePreview gsm = previews.preview(SmsTemplateKind.LINK, "en", "{organization}: join {link}", "Clinic");
        assertThat(gsm.text()).isEqualTo("Clinic: join https://ov.example.org/j/Ab3dE5gH7j");
        assertThat(gsm.segments().encoding()).isEqualTo(SmsSegments.Encoding.GSM_7);
        assertThat(gsm.segments().segments()).isEqualTo(1);
        assertThat(gsm.refused()).isFalse();

        TemplatePreview chinese = previews.preview(SmsTemplateKind.LINK, "en", "{organization} 加入 {link}", "Clinic");
        assertThat(chinese.segments().encoding()).isEqualTo(SmsSegments.Encoding.UCS_2);

        TemplatePreview unknown = previews.preview(SmsTemplateKind.LINK, "en", "Dr {diagnosis}: {link}", "Clinic");
        assertThat(unknown.refused()).isTrue();
        assertThat(unknown.problem().code()).contains("sms.template.unknownPlaceholder");
        assertThat(unknown.text()).contains("{diagnosis}");

        // the clinician's name of usual length in the language, so that its segments are counted
        assertThat(previews.preview(SmsTemplateKind.LINK, "en", "{clinician} invites you: {link}", "Clinic").text())
                .isEqualTo("Dr Maria Alvarez invites you: https://ov.example.org/j/Ab3dE5gH7j");
        assertThat(previews.preview(SmsTemplateKind.REMINDER, "ru", "{clinician}: {link}", "Clinic").text())
                .startsWith("д-р Анна Петрова: ");
        assertThat(previews.preview(SmsTemplateKind.HELP, "en", "{clinician}", "Clinic").refused()).isTrue();

        TemplatePreview unpaired = previews.preview(SmsTemplateKind.LINK, "en", "Join {link", "Clinic");
        assertThat(unpaired.problem().code()).contains("sms.template.unpairedBrace");
        assertThat(unpaired.text()).isEqualTo("Join {link");

        // 3 UCS-2 segments hold 201 units; four do not fit
        String long4 = "{link} " + "Ж".repeat(200);
        TemplatePreview tooLong = previews.preview(SmsTemplateKind.LINK, "ru", long4, "Clinic");
        assertThat(tooLong.segments().segments()).isEqualTo(4);
        assertThat(tooLong.problem().code()).contains("sms.template.tooLong");
        assertThat(tooLong.problem().arguments()).containsExactly(4, 3);
        assertThat(previews.preview(SmsTemplateKind.LINK, "ru", "{link} " + "Ж".repeat(150), "Clinic").refused())
                .isFalse();
    }
}
