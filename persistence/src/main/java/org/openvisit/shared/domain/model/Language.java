package org.openvisit.shared.domain.model;

import java.util.Locale;
import java.util.Optional;

/**
 * The languages OpenVisit speaks, as a person or an organization chooses one: stored as its BCP 47 tag (Chinese with
 * its script, {@code zh-Hans-CN} and {@code zh-Hant-TW}).
 */
public enum Language {
    ENGLISH("en"),
    SIMPLIFIED_CHINESE("zh-Hans-CN"),
    TRADITIONAL_CHINESE("zh-Hant-TW"),
    RUSSIAN("ru");

    private final String tag;

    Language(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The short tag text messages name it by ({@code en}, {@code zh-CN}, {@code zh-TW}, {@code ru}). */
    public String messageTag() {
        return switch (this) {
            case ENGLISH -> "en";
            case SIMPLIFIED_CHINESE -> "zh-CN";
            case TRADITIONAL_CHINESE -> "zh-TW";
            case RUSSIAN -> "ru";
        };
    }

    public Locale locale() {
        return switch (this) {
            case ENGLISH -> Locale.ENGLISH;
            case SIMPLIFIED_CHINESE -> Locale.SIMPLIFIED_CHINESE;
            case TRADITIONAL_CHINESE -> Locale.TRADITIONAL_CHINESE;
            case RUSSIAN -> Locale.forLanguageTag("ru");
        };
    }

    /** The language of a stored or typed tag ({@code en}, {@code zh-Hant-TW}, {@code zh-TW}, {@code ru}...), if spoken. */
    public static Optional<Language> ofTag(String tag) {
        if (tag == null || tag.isBlank() || tag.length() > 16) {
            return Optional.empty();
        }
        Locale wanted = Locale.forLanguageTag(tag.strip());
        return switch (wanted.getLanguage()) {
            case "en" -> Optional.of(ENGLISH);
            case "ru" -> Optional.of(RUSSIAN);
            case "zh" -> {
                if ("Hant".equalsIgnoreCase(wanted.getScript())) {
                    yield Optional.of(TRADITIONAL_CHINESE);
                }
                if ("Hans".equalsIgnoreCase(wanted.getScript())) {
                    yield Optional.of(SIMPLIFIED_CHINESE);
                }
                yield Optional.of(switch (wanted.getCountry()) {
                    case "TW", "HK", "MO" -> TRADITIONAL_CHINESE;
                    default -> SIMPLIFIED_CHINESE;
                });
            }
            default -> Optional.empty();
        };
    }
}
