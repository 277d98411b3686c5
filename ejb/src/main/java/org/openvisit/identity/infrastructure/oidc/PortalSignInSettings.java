package org.openvisit.identity.infrastructure.oidc;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * How people sign in to the portal, as configured: {@code openvisit.portal.sign-in} = {@code accounts}
 * (the built-in accounts, the default) or {@code oidc} (the organization's OpenID Connect provider), and
 * for {@code oidc} the provider's issuer, OpenVisit's client id and optional secret, the scopes and the
 * claim that carries the OpenVisit username. {@link #parse} refuses anything it cannot use with a message
 * naming the key, so a wrong value stops the start instead of leaving the portal half-configured.
 *
 * @param clientSecret empty for a public client (PKCE only); never printed
 */
public record PortalSignInSettings(Mode mode, URI issuer, String clientId, Optional<String> clientSecret,
                                   List<String> scopes, String usernameClaim) {

    public static final String MODE_KEY = "openvisit.portal.sign-in";
    public static final String ISSUER_KEY = "openvisit.oidc.issuer";
    public static final String CLIENT_ID_KEY = "openvisit.oidc.client-id";
    public static final String CLIENT_SECRET_KEY = "openvisit.oidc.client-secret";
    public static final String SCOPES_KEY = "openvisit.oidc.scopes";
    public static final String USERNAME_CLAIM_KEY = "openvisit.oidc.username-claim";
    public static final String DEFAULT_SCOPES = "openid profile email";
    public static final String DEFAULT_USERNAME_CLAIM = "preferred_username";

    /** Which sign-in the portal uses. */
    public enum Mode {
        ACCOUNTS, OIDC
    }

    public PortalSignInSettings {
        scopes = List.copyOf(scopes);
    }

    public static PortalSignInSettings accounts() {
        return new PortalSignInSettings(Mode.ACCOUNTS, null, null, Optional.empty(), List.of(), DEFAULT_USERNAME_CLAIM);
    }

    public boolean oidc() {
        return mode == Mode.OIDC;
    }

    /** The scopes as sent: space-separated. */
    public String scope() {
        return String.join(" ", scopes);
    }

    /**
     * Reads the settings from {@code config} (a key to its value, empty when not set).
     *
     * @throws IllegalStateException naming the key and the accepted values
     */
    public static PortalSignInSettings parse(Function<String, Optional<String>> config) {
        String mode = value(config, MODE_KEY).orElse("accounts").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "accounts" -> {
                return accounts();
            }
            case "oidc" -> {
                // read below
            }
            default -> throw new IllegalStateException("The configuration key " + MODE_KEY + " is \""
                    + printable(mode) + "\"; it must be \"accounts\" (built-in accounts, the default) or \"oidc\" "
                    + "(the organization's OpenID Connect provider).");
        }
        String issuerText = value(config, ISSUER_KEY).orElseThrow(() -> new IllegalStateException(
                MODE_KEY + " is oidc, so " + ISSUER_KEY + " must name the identity provider's issuer URL "
                        + "(e.g. https://login.example.org/realms/hospital)."));
        URI issuer;
        try {
            issuer = URI.create(issuerText);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The configuration key " + ISSUER_KEY + " is not a valid URL: \""
                    + printable(issuerText) + "\".");
        }
        String scheme = issuer.getScheme() == null ? "" : issuer.getScheme().toLowerCase(Locale.ROOT);
        if (!issuer.isAbsolute() || issuer.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))
                || issuer.getRawQuery() != null || issuer.getRawFragment() != null || issuer.getRawUserInfo() != null) {
            throw new IllegalStateException("The configuration key " + ISSUER_KEY + " must be the identity "
                    + "provider's https issuer URL, without query or fragment; it is \"" + printable(issuerText) + "\".");
        }
        String clientId = value(config, CLIENT_ID_KEY).orElseThrow(() -> new IllegalStateException(
                MODE_KEY + " is oidc, so " + CLIENT_ID_KEY + " must name OpenVisit's client id at the identity provider."));
        List<String> scopes = Arrays.stream(value(config, SCOPES_KEY).orElse(DEFAULT_SCOPES).split("[\\s,]+"))
                .filter(s -> !s.isBlank()).distinct().toList();
        if (!scopes.contains("openid")) {
            throw new IllegalStateException("The configuration key " + SCOPES_KEY + " must contain openid (it is \""
                    + printable(String.join(" ", scopes)) + "\"): without it the identity provider sends no id_token.");
        }
        String claim = value(config, USERNAME_CLAIM_KEY).orElse(DEFAULT_USERNAME_CLAIM);
        return new PortalSignInSettings(Mode.OIDC, issuer, clientId, value(config, CLIENT_SECRET_KEY), scopes, claim);
    }

    private static Optional<String> value(Function<String, Optional<String>> config, String key) {
        return config.apply(key).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 200 ? clean.substring(0, 200) + "..." : clean;
    }

    /** Without the client secret. */
    @Override
    public String toString() {
        return "PortalSignInSettings[mode=" + mode + ", issuer=" + issuer + ", clientId=" + clientId
                + ", confidential=" + clientSecret.isPresent() + ", scopes=" + scopes + ", usernameClaim="
                + usernameClaim + "]";
    }
}
