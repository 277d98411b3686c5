package org.openvisit.notify.interfaces.web;

import org.junit.jupiter.api.Test;
import org.openvisit.notify.domain.model.ConsentAction;
import org.openvisit.notify.domain.model.ConsentKind;
import org.openvisit.notify.domain.model.SmsNumberStatus;
import org.openvisit.shared.interfaces.web.BrowserLanguage;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The notify (SMS) bundle: every key in all four languages and translated, patterns well formed, every state worded. */
class NotifyMessagesTest {

    /** "SMS" is the word in Russian too. */
    private static final Set<String> SAME_IN_RUSSIAN = Set.of("nav.sms", "sms.title");

    private static ResourceBundle bundle(Locale locale) {
        return BrowserLanguage.bundle(NotifyText.BUNDLE, locale);
    }

    @Test
    void everyLanguageHasEveryKeyTranslated() {
        ResourceBundle english = bundle(Locale.ENGLISH);
        Set<String> keys = new TreeSet<>(english.keySet());
        for (Locale locale : BrowserLanguage.all()) {
            ResourceBundle texts = bundle(locale);
            assertThat(new TreeSet<>(texts.keySet())).as(locale.toString()).isEqualTo(keys);
            for (String key : keys) {
                String text = texts.getString(key);
                assertThat(text).as(locale + " " + key).isNotBlank();
                if (!Locale.ENGLISH.equals(locale) && !(BrowserLanguage.RUSSIAN.equals(locale)
                        && SAME_IN_RUSSIAN.contains(key))) {
                    assertThat(text).as(locale + " " + key + " is translated").isNotEqualTo(english.getString(key));
                }
                String formatted = new MessageFormat(text, locale).format(new Object[]{"A0", "B1", "C2", "D3"});
                for (int i = 0; i < 4; i++) {
                    if (english.getString(key).contains("{" + i + "}")) {
                        assertThat(formatted).as(locale + " " + key).contains("ABCD".charAt(i) + String.valueOf(i));
                    }
                }
            }
        }
    }

    @Test
    void everyStatusConsentAndChangeHasWords() {
        ResourceBundle english = bundle(Locale.ENGLISH);
        for (SmsNumberStatus status : SmsNumberStatus.values()) {
            assertThat(english.getString("sms.status." + status.name())).doesNotContain("_");
        }
        for (ConsentKind kind : ConsentKind.values()) {
            assertThat(english.containsKey("sms.consent." + kind.name())).as(kind.name()).isTrue();
        }
        for (ConsentAction action : ConsentAction.values()) {
            assertThat(english.containsKey("sms.consent.action." + action.name())).as(action.name()).isTrue();
        }
    }

    @Test
    void everyTemplateKindLanguageOutboxFilterRefusalAndEncodingHasWords() {
        ResourceBundle english = bundle(Locale.ENGLISH);
        for (org.openvisit.notify.domain.model.SmsTemplateKind kind
                : org.openvisit.notify.domain.model.SmsTemplateKind.values()) {
            assertThat(english.containsKey("sms.template.kind." + kind.name())).as(kind.name()).isTrue();
        }
        for (String language : org.openvisit.notify.application.SmsTemplateService.languages()) {
            assertThat(english.containsKey("sms.template.language." + language)).as(language).isTrue();
        }
        assertThat(english.containsKey("sms.outbox.filter." + SmsScreen.ALL)).isTrue();
        for (org.openvisit.notify.domain.model.DeliveryGroup group
                : org.openvisit.notify.domain.model.DeliveryGroup.values()) {
            assertThat(english.containsKey("sms.outbox.filter." + group.name())).as(group.name()).isTrue();
        }
        for (org.openvisit.notify.application.FeedRefusal.Reason reason
                : org.openvisit.notify.application.FeedRefusal.Reason.values()) {
            assertThat(english.containsKey("sms.refusal." + reason.name())).as(reason.name()).isTrue();
        }
        for (org.openvisit.notify.domain.model.SmsSegments.Encoding encoding
                : org.openvisit.notify.domain.model.SmsSegments.Encoding.values()) {
            assertThat(english.containsKey("sms.template.encoding." + encoding.name())).as(encoding.name()).isTrue();
        }
    }

    @Test
    void theMessageTextsCardOpensOnTheViewersLanguage() {
        assertThat(SmsTemplatesScreen.languageOf(Locale.forLanguageTag("zh-Hant-TW"))).isEqualTo("zh-TW");
        assertThat(SmsTemplatesScreen.languageOf(Locale.forLanguageTag("zh-Hans-CN"))).isEqualTo("zh-CN");
        assertThat(SmsTemplatesScreen.languageOf(Locale.forLanguageTag("ru"))).isEqualTo("ru");
        assertThat(SmsTemplatesScreen.languageOf(Locale.forLanguageTag("fr"))).isEqualTo("en");
    }

    @Test
    void everyDeliveryStatusIsWordedAndAnUnknownOneIsNotShownAsItCame() {
        ResourceBundle english = bundle(Locale.ENGLISH);
        for (String status : NotifyText.CARRIER_STATUSES) {
            String key = NotifyText.deliveryKey(message("SM1", status.toUpperCase(Locale.ROOT)));
            assertThat(key).isEqualTo("sms.delivery." + status);
            assertThat(english.getString(key)).doesNotContain(status.equals("read") ? "_" : status + "_");
        }
        assertThat(NotifyText.deliveryKey(message(null, null))).isEqualTo("sms.delivery.builtin");
        assertThat(NotifyText.deliveryKey(message("SM1", null))).isEqualTo("sms.delivery.waiting");
        assertThat(NotifyText.deliveryKey(message("SM1", "<script>x</script>"))).isEqualTo("sms.delivery.other");
        assertThat(NotifyText.deliveryKey(message("SM1", "receiving"))).isEqualTo("sms.delivery.other");
        for (String key : Set.of("sms.delivery.builtin", "sms.delivery.waiting", "sms.delivery.other")) {
            assertThat(english.containsKey(key)).as(key).isTrue();
        }
    }

    private static org.openvisit.notify.application.OutboxView message(String carrierId, String status) {
        return new org.openvisit.notify.application.OutboxView(java.util.UUID.randomUUID(), java.util.UUID.randomUUID(),
                "+15550100", "+1•••••••4567", "Your visit link", java.time.Instant.now(), carrierId, status,
                status == null ? null : java.time.Instant.now());
    }
}
