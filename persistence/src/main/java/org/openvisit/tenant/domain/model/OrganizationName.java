package org.openvisit.tenant.domain.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * An organization's display name: trimmed, inner whitespace collapsed, 2 to 120 characters,
 * no control characters. Its {@link #key()} is the case-insensitive form used for uniqueness.
 */
public record OrganizationName(String value) {

    public static final int MIN_LENGTH = 2;
    public static final int MAX_LENGTH = 120;

    public OrganizationName {
        if (value == null) {
            throw new InvalidOrganizationException("name", "The organization name is required.")
                    .worded("organization.nameRequired");
        }
        value = Normalizer.normalize(value, Normalizer.Form.NFC).strip().replaceAll("\\s+", " ");
        if (value.isEmpty()) {
            throw new InvalidOrganizationException("name", "The organization name is required.")
                    .worded("organization.nameRequired");
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidOrganizationException("name", "The organization name must not contain control characters.")
                    .worded("organization.nameControl");
        }
        int length = value.codePointCount(0, value.length());
        if (length < MIN_LENGTH || length > MAX_LENGTH) {
            throw new InvalidOrganizationException("name",
                    "The organization name must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters.")
                    .worded("organization.nameLength", MIN_LENGTH, MAX_LENGTH);
        }
    }

    /** The form two names are compared in: "St. Mary's" and "st. mary's" are the same organization. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
