package org.openvisit.identity.infrastructure.oidc;

import org.openvisit.smart.Pkce;
import org.openvisit.smart.RandomValues;

import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One portal sign-in at the identity provider in progress: where the browser goes
 * ({@link #authorizeUri()}) and what the HTTP session keeps until the provider sends the user back:
 * the {@code state} (256 random bits) the callback must carry, the nonce the id_token must carry, the
 * PKCE verifier, and where the user was going ({@code next}, checked again before it is followed). Used
 * once. {@link #toString()} shows no secret.
 */
public record OidcAuthorization(OidcProvider provider, String redirectUri, String state, String nonce, Pkce pkce,
                                String next, URI authorizeUri) implements Serializable {

    public static OidcAuthorization start(OidcProvider provider, PortalSignInSettings settings, String redirectUri,
                                          String next, SecureRandom random) {
        String state = RandomValues.state(random);
        String nonce = RandomValues.state(random);
        Pkce pkce = Pkce.create(random);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("scope", settings.scope());
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", Pkce.METHOD);
        if (provider.smart()) {
            query.put("aud", provider.issuer());
        }
        String base = provider.authorizationEndpoint().toString();
        URI authorize = URI.create(base + (base.contains("?") ? "&" : "?") + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&")));
        return new OidcAuthorization(provider, redirectUri, state, nonce, pkce, next, authorize);
    }

    /** Whether {@code returned} is this authorization's state (constant time). */
    public boolean hasState(String returned) {
        return returned != null && java.security.MessageDigest.isEqual(
                state.getBytes(StandardCharsets.US_ASCII), returned.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "OidcAuthorization[issuer=" + provider.issuer() + ", redirectUri=" + redirectUri + "]";
    }
}
