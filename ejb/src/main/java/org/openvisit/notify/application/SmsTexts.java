package org.openvisit.notify.application;

import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.notify.domain.model.SmsTemplateKind;
import org.openvisit.notify.domain.model.SmsTemplateText;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * The SMS bodies in the endpoint's language (English, Simplified and Traditional Chinese, Russian): the organization's
 * own wording ({@link org.openvisit.notify.domain.model.SmsTemplate}) when it has one, else the shipped text from the
 * bundle {@value #BUNDLE}, with the organization, the appointment's local date and time (the endpoint's time zone, the
 * language's format), the short join link and, where the organization's wording asks for it, the clinician's name
 * from the EHR's feed (the language's "your clinician" when the feed named none). No clinical information; the
 * shipped texts name no clinician.
 */
@ApplicationScoped
public class SmsTexts {

    public static final String BUNDLE = "org.openvisit.notify.application.SmsTexts";

    /** A scheduled message's body ({@code kind}: CONFIRMATION, UPDATE, CANCELLATION, REMINDER) in the shipped words. */
    public String body(String kind, String language, String organization, Instant start, ZoneId zone, String link) {
        return body(SmsTemplateKind.valueOf(kind), language, null, organization, start, zone, link, null);
    }

    /**
     * A scheduled message's body.
     *
     * @param template  the organization's wording (already checked), or null for the shipped text
     * @param clinician the clinician's name from the feed, or null
     */
    public String body(SmsTemplateKind kind, String language, String template, String organization, Instant start,
                       ZoneId zone, String link, String clinician) {
        return SmsTemplateText.render(template == null ? defaultTemplate(kind, language) : template,
                values(language, organization, start, zone, link, clinician));
    }

    /** The patient's link a clinician sends from the visit page (no date: the visit is open now). */
    public String link(String language, String organization, String link) {
        return link(language, null, organization, link, null);
    }

    /** The clinician's link with the organization's wording (null: the shipped text); {@code clinician} may be null. */
    public String link(String language, String template, String organization, String link, String clinician) {
        return SmsTemplateText.render(template == null ? defaultTemplate(SmsTemplateKind.LINK, language) : template,
                values(language, organization, null, null, link, clinician));
    }

    /** The answer to STOP, START or HELP in the shipped words. */
    public String reply(String keyword, String language, String organization) {
        return reply(keyword, language, null, organization);
    }

    /** The answer to STOP, START or HELP; {@code own}: the organization's wording of it (null: the shipped text). */
    public String reply(String keyword, String language, String own, String organization) {
        if (own != null) {
            return SmsTemplateText.render(own, values(language, organization, null, null, null, null));
        }
        Locale locale = Locale.forLanguageTag(language);
        return new MessageFormat(bundle(locale).getString("sms.reply." + keyword), locale)
                .format(new Object[] {organization});
    }

    /**
     * The shipped text of {@code kind} in {@code language} (English for a language without one) with named
     * placeholders, as the template editor shows it and "reset to default" restores it.
     */
    public String defaultTemplate(SmsTemplateKind kind, String language) {
        String pattern = bundle(Locale.forLanguageTag(language)).getString(key(kind));
        List<String> names = kind == SmsTemplateKind.CANCELLATION ? SmsTemplateKind.CONFIRMATION.placeholders()
                : kind.placeholders();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\'' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '\'') {
                out.append('\'');
                i++;
            } else if (c == '{') {
                int end = pattern.indexOf('}', i);
                out.append('{').append(names.get(Integer.parseInt(pattern.substring(i + 1, end)))).append('}');
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * The placeholders' values: the date and time in the zone and the language's format (null start: none), the
     * clinician's name (null: the language's word for "your clinician").
     */
    public Map<String, String> values(String language, String organization, Instant start, ZoneId zone, String link,
                                      String clinician) {
        Map<String, String> values = new HashMap<>();
        values.put(SmsTemplateText.ORGANIZATION, organization);
        values.put(SmsTemplateText.CLINICIAN, clinician != null ? clinician
                : bundle(Locale.forLanguageTag(language)).getString("sms.clinician.unnamed"));
        if (start != null) {
            Locale locale = Locale.forLanguageTag(language);
            var local = start.atZone(zone);
            values.put(SmsTemplateText.DATE,
                    local.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale)));
            values.put(SmsTemplateText.TIME,
                    local.format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale)));
        }
        if (link != null) {
            values.put(SmsTemplateText.LINK, link);
        }
        return values;
    }

    /** A clinician's name of usual length in the language, for the template editor's preview. */
    public String exampleClinician(String language) {
        return bundle(Locale.forLanguageTag(language)).getString("sms.clinician.example");
    }

    private static String key(SmsTemplateKind kind) {
        return switch (kind) {
            case HELP, STOP, START -> "sms.reply." + kind.name();
            default -> "sms." + kind.name();
        };
    }

    private static ResourceBundle bundle(Locale locale) {
        // never the server's own locale in between: a language without a bundle gets English
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }
}
