package org.openvisit.shared.interfaces.web;

import java.util.Locale;
import java.util.ResourceBundle;

/** One context's message bundle in one language, for contexts whose texts need nothing more. */
public record BundleTexts(Locale locale, ResourceBundle bundle) implements LocalizedTexts {

    /** The bundle {@code baseName} in {@code locale} (English is the base file). */
    public static BundleTexts of(String baseName, Locale locale) {
        return new BundleTexts(locale, BrowserLanguage.bundle(baseName, locale));
    }

    /** The bundle {@code baseName} in the language {@code request} is shown in. */
    public static BundleTexts of(String baseName, jakarta.servlet.http.HttpServletRequest request) {
        return of(baseName, BrowserLanguage.of(request));
    }
}
