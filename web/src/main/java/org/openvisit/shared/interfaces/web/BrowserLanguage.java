package org.openvisit.shared.interfaces.web;

import jakarta.servlet.http.HttpServletRequest;

import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The language a page is shown in: the first of the browser's languages ({@code Accept-Language}, in its order of
 * preference) that OpenVisit has, else English. OpenVisit speaks English, Simplified Chinese, Traditional Chinese
 * and Russian; Chinese is matched by script first ({@code zh-Hant}, {@code zh-Hans}), then by region ({@code zh-TW},
 * {@code zh-HK} and {@code zh-MO} read Traditional; {@code zh-CN}, {@code zh-SG} and plain {@code zh} Simplified).
 * A request without the header is English (never the server's own locale). A language chosen with the switcher
 * (cookie {@value #CHOICE_COOKIE}) comes before the browser's, and a signed-in person's language remembered on their
 * account (request attribute {@value #ACCOUNT_CHOICE}, set when their session is checked) before both.
 */
public final class BrowserLanguage {

    public static final Locale SIMPLIFIED_CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale TRADITIONAL_CHINESE = Locale.TRADITIONAL_CHINESE;
    public static final Locale RUSSIAN = Locale.forLanguageTag("ru");

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private BrowserLanguage() {
    }

    /** The cookie holding the language a person chose with the switcher, e.g. {@code zh-Hant-TW}. */
    public static final String CHOICE_COOKIE = "openvisit-lang";

    /** The request attribute holding the signed-in person's language remembered on their account (a Locale). */
    public static final String ACCOUNT_CHOICE = "org.openvisit.language.account";

    /** The language for this request's page: the signed-in person's, else the one chosen with the switcher, else the browser's. */
    public static Locale of(HttpServletRequest request) {
        if (request.getAttribute(ACCOUNT_CHOICE) instanceof Locale account) {
            return account;
        }
        if (request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
                if (CHOICE_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() <= 16) {
                    Locale chosen = supported(Locale.forLanguageTag(cookie.getValue()));
                    if (chosen != null) {
                        return chosen;
                    }
                }
            }
        }
        return ofBrowser(request);
    }

    /**
     * The language of a patient-facing page: as {@link #of}, but when the browser asks for none of OpenVisit's
     * languages (or says nothing), the organization's language for patients ({@code fallback}) instead of English.
     */
    public static Locale forPatient(HttpServletRequest request, Locale fallback) {
        Locale chosen = of(request);
        if (!Locale.ENGLISH.equals(chosen) || fallback == null || asksFor(request, Locale.ENGLISH)) {
            return chosen;
        }
        Locale organization = supported(fallback);
        return organization == null ? chosen : organization;
    }

    /** Whether the switcher's choice or the browser's languages name {@code language} itself (not a fallback). */
    private static boolean asksFor(HttpServletRequest request, Locale language) {
        if (request.getAttribute(ACCOUNT_CHOICE) != null) {
            return true;
        }
        if (request.getCookies() != null) {
            for (jakarta.servlet.http.Cookie cookie : request.getCookies()) {
                if (CHOICE_COOKIE.equals(cookie.getName()) && cookie.getValue() != null && cookie.getValue().length() <= 16
                        && supported(Locale.forLanguageTag(cookie.getValue())) != null) {
                    return true;
                }
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header == null || header.isBlank()) {
            return false;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (language.equals(supported(Locale.forLanguageTag(range.getRange())))) {
                    return true;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        return false;
    }

    /** The first of the browser's languages ({@code Accept-Language}) that OpenVisit speaks, else English. */
    static Locale ofBrowser(HttpServletRequest request) {
        return ofAcceptLanguage(request.getHeader("Accept-Language"));
    }

    /** The first of the languages an {@code Accept-Language} header names that OpenVisit speaks, else English. */
    static Locale ofAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return Locale.ENGLISH;
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException malformed) {
            return Locale.ENGLISH;
        }
        for (Locale.LanguageRange range : ranges) {
            Locale supported = supported(Locale.forLanguageTag(range.getRange()));
            if (supported != null) {
                return supported;
            }
        }
        return Locale.ENGLISH;
    }

    /** The supported language {@code wanted} is read in, or {@code null} when OpenVisit does not speak it. */
    public static Locale supported(Locale wanted) {
        switch (wanted.getLanguage()) {
            case "en":
                return Locale.ENGLISH;
            case "ru":
                return RUSSIAN;
            case "zh":
                String script = wanted.getScript();
                if ("Hant".equalsIgnoreCase(script)) {
                    return TRADITIONAL_CHINESE;
                }
                if ("Hans".equalsIgnoreCase(script)) {
                    return SIMPLIFIED_CHINESE;
                }
                return switch (wanted.getCountry()) {
                    case "TW", "HK", "MO" -> TRADITIONAL_CHINESE;
                    default -> SIMPLIFIED_CHINESE;
                };
            default:
                return null;
        }
    }

    /** The bundle {@code baseName} in {@code locale}, the English base file for English (never the server's locale). */
    public static ResourceBundle bundle(String baseName, Locale locale) {
        return ResourceBundle.getBundle(baseName, Locale.ENGLISH.equals(locale) ? Locale.ROOT : locale, NO_FALLBACK);
    }

    /** The {@code lang} attribute of a page in {@code locale}: Chinese with its script ({@code zh-Hans-CN}, {@code zh-Hant-TW}). */
    public static String tag(Locale locale) {
        if (locale.equals(TRADITIONAL_CHINESE)) {
            return "zh-Hant-TW";
        }
        if (locale.equals(SIMPLIFIED_CHINESE)) {
            return "zh-Hans-CN";
        }
        return locale.toLanguageTag();
    }

    /** The languages OpenVisit speaks, English first. */
    public static List<Locale> all() {
        return Collections.unmodifiableList(List.of(Locale.ENGLISH, SIMPLIFIED_CHINESE, TRADITIONAL_CHINESE, RUSSIAN));
    }
}
