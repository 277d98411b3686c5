package org.openvisit.notify.application;

import jakarta.enterprise.context.ApplicationScoped;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The SMS bodies in the endpoint's language (English, Simplified and Traditional Chinese, Russian), from the bundle
 * {@value #BUNDLE}: the organization, the appointment's local date and time, and the short join link. No clinical
 * information and no clinician's name.
 */
@ApplicationScoped
public class SmsTexts {

    public static final String BUNDLE = "org.openvisit.notify.application.SmsTexts";

    /** A scheduled message's body ({@code kind}: CONFIRMATION, UPDATE, CANCELLATION, REMINDER). */
    public String body(String kind, String language, String organization, Instant start, ZoneId zone, String link) {
        Locale locale = Locale.forLanguageTag(language);
        var local = start.atZone(zone);
        String date = local.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale));
        String time = local.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale));
        return new MessageFormat(bundle(locale).getString("sms." + kind), locale)
                .format(new Object[] {organization, date, time, link});
    }

    /** The patient's link a clinician sends from the visit page (no date: the visit is open now). */
    public String link(String language, String organization, String link) {
        Locale locale = Locale.forLanguageTag(language);
        return new MessageFormat(bundle(locale).getString("sms.LINK"), locale).format(new Object[] {organization, link});
    }

    /** The answer to STOP, START or HELP. */
    public String reply(String keyword, String language, String organization) {
        Locale locale = Locale.forLanguageTag(language);
        return new MessageFormat(bundle(locale).getString("sms.reply." + keyword), locale)
                .format(new Object[] {organization});
    }

    private static ResourceBundle bundle(Locale locale) {
        // never the server's own locale in between: a language without a bundle gets English
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
