package org.openvisit.smart;

import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One SMART authorization in progress: where the browser goes ({@link #authorizeUri()}) and what OpenVisit
 * keeps until the EHR sends the user back: the {@code state} that callback must carry, the PKCE verifier
 * and nonce, and the EHR's token endpoint and keys. Kept on the server (the HTTP session), used once.
 * {@link #toString()} shows no secret.
 *
 * @param fhirBase        the FHIR base URL: {@code iss} and {@code aud}
 * @param acceptedIssuers the issuers the id_token may name
 */
public record SmartAuthorization(String fhirBase, List<String> acceptedIssuers, String clientId, String redirectUri,
                                 String scope, URI tokenEndpoint, URI jwksUri, String state, String nonce,
                                 Pkce pkce, URI authorizeUri) implements Serializable {

    public SmartAuthorization {
        acceptedIssuers = List.copyOf(acceptedIssuers);
    }

    /** A new authorization with a fresh state, nonce and PKCE verifier. */
    public static SmartAuthorization start(SmartConfiguration configuration, String clientId, String redirectUri,
                                           String scope, SecureRandom random) {
        String state = RandomValues.state(random);
        String nonce = RandomValues.state(random);
        Pkce pkce = Pkce.create(random);
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("scope", scope);
        query.put("state", state);
        query.put("aud", configuration.fhirBase());
        query.put("code_challenge", pkce.challenge());
        query.put("code_challenge_method", Pkce.METHOD);
        query.put("nonce", nonce);
        String base = configuration.authorizationEndpoint().toString();
        String separator = base.contains("?") ? "&" : "?";
        URI authorize = URI.create(base + separator + query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&")));
        return new SmartAuthorization(configuration.fhirBase(), configuration.acceptedIssuers(), clientId, redirectUri,
                scope, configuration.tokenEndpoint(), configuration.jwksUri(), state, nonce, pkce, authorize);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return "SmartAuthorization[fhirBase=" + fhirBase + ", clientId=" + clientId + ", scope=" + scope + "]";
    }
}
