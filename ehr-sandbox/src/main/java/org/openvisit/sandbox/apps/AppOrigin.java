package org.openvisit.sandbox.apps;

import java.util.Optional;

/**
 * Where the registered apps live: {@code {origin}} in a registration's URLs becomes the configured
 * origin ({@code sandbox.openvisit.origin}) or, by default, the origin the request came in on,
 * because OpenVisit runs on the same Payara as the sandbox.
 */
public class AppOrigin {

    public static final String PLACEHOLDER = "{origin}";
    private final Optional<String> configured;

    public AppOrigin(Optional<String> configured) {
        this.configured = configured.map(String::trim).filter(s -> !s.isEmpty()).map(AppOrigin::withoutTrailingSlash);
    }

    /** Replaces {@code {origin}} in {@code template}; {@code requestOrigin} is the sandbox's own origin. */
    public String resolve(String template, String requestOrigin) {
        if (template == null) {
            return null;
        }
        return template.replace(PLACEHOLDER, configured.orElse(withoutTrailingSlash(requestOrigin)));
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
