package org.openvisit.shared.interfaces.web;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** A message bundle in one language, read as plain texts and {@link MessageFormat} patterns. */
public interface LocalizedTexts {

    Locale locale();

    ResourceBundle bundle();

    default String get(String key) {
        return bundle().getString(key);
    }

    default String format(String key, Object... arguments) {
        return new MessageFormat(bundle().getString(key), locale()).format(arguments);
    }
}
