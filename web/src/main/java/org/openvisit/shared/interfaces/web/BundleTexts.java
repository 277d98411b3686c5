package org.openvisit.shared.interfaces.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** One context's message bundle in one language: plain texts and {@link MessageFormat} patterns. */
public record BundleTexts(Locale locale, ResourceBundle bundle) {

    /** The bundle {@code baseName} in {@code locale} (English is the base file). */
    public static BundleTexts of(String baseName, Locale locale) {
        return new BundleTexts(locale, BrowserLanguage.bundle(baseName, locale));
    }

    public String get(String key) {
        return bundle.getString(key);
    }

    public String format(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
