package org.openvisit.identity.interfaces.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The attributes the session cookie carries on the wire, and how they are chosen from configuration:
 * <ul>
 *   <li>{@code openvisit.session-cookie.secure}: default {@code true}, {@code false} in development mode
 *       (plain http on the developer's own machine);</li>
 *   <li>{@code openvisit.session-cookie.same-site} ({@code None}, {@code Lax} or {@code Strict}): default
 *       {@code None} when the cookie is Secure, so that the session survives an EHR that shows OpenVisit in
 *       a frame of its own page or in its embedded browser (the launch's redirects and the visit page are
 *       then cross-site requests), otherwise {@code Lax} (browsers drop {@code SameSite=None} cookies
 *       without {@code Secure});</li>
 *   <li>{@code openvisit.session-cookie.partitioned}: default {@code true} with {@code SameSite=None}: the
 *       cookie is kept per top-level site (CHIPS), which browsers that block third-party cookies still
 *       allow in a cross-site frame; browsers that do not know the attribute ignore it.</li>
 * </ul>
 * Always HttpOnly. A combination browsers would refuse ({@code None} or {@code Partitioned} without
 * {@code Secure}) or an unknown value stops the start with a message rather than a cookie that silently
 * does not work.
 */
public record SessionCookiePolicy(String name, boolean secure, String sameSite, boolean partitioned) {

    public static final String NAME = "OPENVISIT_SESSION";
    public static final String SECURE = "openvisit.session-cookie.secure";
    public static final String SAME_SITE = "openvisit.session-cookie.same-site";
    public static final String PARTITIONED = "openvisit.session-cookie.partitioned";

    public SessionCookiePolicy {
        if (!secure && "None".equals(sameSite)) {
            throw new IllegalStateException(SAME_SITE + "=None needs a Secure cookie (" + SECURE + "=true, and "
                    + "OpenVisit reached over https): browsers drop SameSite=None cookies without Secure.");
        }
        if (partitioned && !secure) {
            throw new IllegalStateException(PARTITIONED + "=true needs a Secure cookie (" + SECURE + "=true).");
        }
    }

    /** From the configuration values (empty where not set) and the mode ({@code openvisit.mode}). */
    public static SessionCookiePolicy of(String mode, Optional<Boolean> secure, Optional<String> sameSite,
                                         Optional<Boolean> partitioned) {
        boolean development = "development".equalsIgnoreCase(mode == null ? "" : mode.strip());
        boolean isSecure = secure.orElse(!development);
        String site = sameSite.map(String::strip).filter(s -> !s.isEmpty()).map(SessionCookiePolicy::sameSite)
                .orElse(isSecure ? "None" : "Lax");
        return new SessionCookiePolicy(NAME, isSecure, site, partitioned.orElse("None".equals(site)));
    }

    private static String sameSite(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "none" -> "None";
            case "lax" -> "Lax";
            case "strict" -> "Strict";
            default -> throw new IllegalStateException(SAME_SITE + " must be None, Lax or Strict, not '" + value + "'.");
        };
    }

    /**
     * A {@code Set-Cookie} header value for another cookie of the browser's session (no expiry) with this policy's
     * attributes, so that it reaches OpenVisit exactly where the session cookie does (a cross-site EHR frame too).
     */
    public String cookie(String cookieName, String value, String path) {
        String asSession = apply(name + "=" + value + "; Path=" + (path == null || path.isEmpty() ? "/" : path));
        return cookieName + asSession.substring(name.length());
    }

    /**
     * One {@code Set-Cookie} header value with this policy's attributes: the session cookie's own
     * {@code Secure}, {@code SameSite}, {@code Partitioned} and {@code HttpOnly} replaced by the policy's;
     * any other cookie unchanged.
     */
    public String apply(String setCookie) {
        if (setCookie == null || !setCookie.startsWith(name + "=")) {
            return setCookie;
        }
        List<String> kept = new ArrayList<>();
        for (String part : setCookie.split(";")) {
            String attribute = part.strip();
            String key = attribute.contains("=") ? attribute.substring(0, attribute.indexOf('=')).strip() : attribute;
            switch (key.toLowerCase(Locale.ROOT)) {
                case "secure", "samesite", "partitioned", "httponly", "" -> {
                    // set below, once, as the policy says
                }
                default -> kept.add(attribute);
            }
        }
        StringBuilder value = new StringBuilder(String.join("; ", kept));
        value.append("; HttpOnly");
        if (secure) {
            value.append("; Secure");
        }
        value.append("; SameSite=").append(sameSite);
        if (partitioned) {
            value.append("; Partitioned");
        }
        return value.toString();
    }
}
