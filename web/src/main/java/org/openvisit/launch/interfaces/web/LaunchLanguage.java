package org.openvisit.launch.interfaces.web;

import org.openvisit.shared.interfaces.web.BrowserLanguage;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The words of the launch's pages: the launch bundle {@value #BUNDLE} in the language {@link BrowserLanguage} picks
 * from the browser's {@code Accept-Language}, and the page's {@code lang} attribute.
 */
final class LaunchLanguage {

    static final String BUNDLE = "org.openvisit.launch.interfaces.web.Messages";

    private LaunchLanguage() {
    }

    /** The {@code lang} attribute of a page in that language. */
    static String tag(Locale locale) {
        return BrowserLanguage.tag(locale);
    }

    static ResourceBundle bundle(Locale locale) {
        return BrowserLanguage.bundle(BUNDLE, locale);
    }

    /** The text of {@code key}, or {@code null} when the bundle has none. */
    static String text(ResourceBundle bundle, String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException none) {
            return null;
        }
    }
}
