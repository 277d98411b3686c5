package org.openvisit.sandbox.apps;

import java.util.List;
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

    /**
     * The URLs {@code template} may stand for: resolved as {@link #resolve} does, and, when no origin is
     * configured and the request came in on {@code localhost} or {@code 127.0.0.1}, also on the other of the
     * two. The embedded EHR screen opens OpenVisit on the other loopback name on purpose (so that it is
     * another site, as an EHR's frame is); OpenVisit then registers its callback on that name.
     */
    public List<String> candidates(String template, String requestOrigin) {
        String own = resolve(template, requestOrigin);
        if (template == null || configured.isPresent() || !template.contains(PLACEHOLDER)) {
            return own == null ? List.of() : List.of(own);
        }
        String twin = loopbackTwin(withoutTrailingSlash(requestOrigin));
        return twin == null ? List.of(own) : List.of(own, template.replace(PLACEHOLDER, twin));
    }

    /** {@code http://localhost:8080} for {@code http://127.0.0.1:8080} and the other way round; null for others. */
    public static String loopbackTwin(String origin) {
        if (origin.matches("(?i)https?://localhost(:\\d+)?")) {
            return origin.replaceFirst("(?i)//localhost", "//127.0.0.1");
        }
        if (origin.matches("(?i)https?://127\\.0\\.0\\.1(:\\d+)?")) {
            return origin.replaceFirst("//127\\.0\\.0\\.1", "//localhost");
        }
        return null;
    }

    private static String withoutTrailingSlash(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}
