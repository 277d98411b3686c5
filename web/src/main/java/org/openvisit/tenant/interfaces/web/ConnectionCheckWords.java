package org.openvisit.tenant.interfaces.web;

import org.openvisit.tenant.application.ConnectionCheck;

import java.util.function.Function;

/**
 * Test connection's outcome in the viewer's words (the Teams page's message and its API's {@code words} say the same):
 * all working, meetings working with permissions missing (the permission lines name them), or what is missing.
 */
public final class ConnectionCheckWords {

    private ConnectionCheckWords() {
    }

    /** The words' bundle key for this outcome. */
    public static String key(ConnectionCheck check) {
        if (!check.ok()) {
            return "teams.failure." + check.failure().name();
        }
        return check.missing().isEmpty() ? "teams.check.ok" : "teams.check.okButMissing";
    }

    /** @param get a text of the tenant bundle in the viewer's language */
    public static String of(ConnectionCheck check, Function<String, String> get) {
        return get.apply(key(check));
    }
}
