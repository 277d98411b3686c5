package org.openvisit.tenant.domain.model;

import java.util.Locale;

/**
 * A portal user's sign-in name as an administrator types it (for example the approver of an
 * endpoint): trimmed, 1 to 254 characters, no spaces or control characters. Two names are the same
 * user when they differ only in case, as in directories and OpenID Connect providers.
 */
public record PortalUsername(String value) {

    public static final int MAX_LENGTH = 254;

    public PortalUsername {
        if (value == null || value.strip().isEmpty()) {
            throw new InvalidEndpointException("approver", "The approver's portal username is required.");
        }
        value = value.strip();
        if (value.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidEndpointException("approver",
                    "The approver's portal username must not contain spaces or control characters.");
        }
        if (value.codePointCount(0, value.length()) > MAX_LENGTH) {
            throw new InvalidEndpointException("approver",
                    "The approver's portal username must be at most " + MAX_LENGTH + " characters.");
        }
    }

    /** Whether {@code username} names this user (ignoring case). */
    public boolean matches(String username) {
        return username != null && key().equals(username.strip().toLowerCase(Locale.ROOT));
    }

    /** The form two names are compared in. */
    public String key() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
