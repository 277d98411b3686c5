package org.openvisit.launch.application;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The decrypted fields of a context link (ehr-sandbox/CONTEXT-LINK.md): the EHR ({@code iss}), the
 * visit's session id ({@code sid}), appointment and encounter ids, the EHR user, role
 * ({@code provider} or {@code patient}), department, and the validity window. Only what OpenVisit
 * uses is kept: the patient id ({@code pat}) is dropped on reading.
 */
public record ContextLinkClaims(String iss, String sid, String appointment, String encounter, String user,
                                String role, String department, Instant notBefore, Instant expires) {

    /** The fields of {@code plaintext}, or empty when a required one (iss, role, nbf, exp) is missing or unreadable. */
    public static Optional<ContextLinkClaims> parse(String plaintext) {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String pair : plaintext.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip());
                }
            }
            Instant nbf = Instant.ofEpochSecond(Long.parseLong(fields.getOrDefault("nbf", fields.get("iat"))));
            Instant exp = Instant.ofEpochSecond(Long.parseLong(fields.get("exp")));
            String iss = blankToNull(fields.get("iss"));
            String role = blankToNull(fields.get("role"));
            if (iss == null || role == null) {
                return Optional.empty();
            }
            return Optional.of(new ContextLinkClaims(iss, blankToNull(fields.get("sid")), blankToNull(fields.get("appt")),
                    blankToNull(fields.get("enc")), blankToNull(fields.get("user")), role,
                    blankToNull(fields.get("dept")), nbf, exp));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** What a link's validity window says at a moment. */
    public enum Window { VALID, TOO_LONG, NOT_YET_VALID, EXPIRED }

    /**
     * The validity window judged at {@code now}: longer than {@code maxLength} (or ending before it begins), not begun
     * yet, ended, or valid, with {@code clockSkew} allowed either way. Safe for any timestamps a link can carry,
     * down to {@link Instant#MIN} and up to {@link Instant#MAX} (the arithmetic is done on {@code now}).
     */
    public Window windowAt(Instant now, Duration maxLength, Duration clockSkew) {
        if (expires.isBefore(notBefore) || Duration.between(notBefore, expires).compareTo(maxLength) > 0) {
            return Window.TOO_LONG;
        }
        if (now.plus(clockSkew).isBefore(notBefore)) {
            return Window.NOT_YET_VALID;
        }
        if (!now.minus(clockSkew).isBefore(expires)) {
            return Window.EXPIRED;
        }
        return Window.VALID;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public boolean isPatient() {
        return "patient".equals(role);
    }

    public boolean isProvider() {
        return "provider".equals(role);
    }
}
