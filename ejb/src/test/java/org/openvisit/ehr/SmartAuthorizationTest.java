package org.openvisit.ehr;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SmartAuthorizationTest {

    static final String FHIR_BASE = "https://ehr.example.org/interconnect/api/FHIR/R4";

    static SmartConfiguration configuration(String authorize) {
        return new SmartConfiguration(FHIR_BASE, "https://ehr.example.org/oauth", URI.create(authorize),
                URI.create("https://ehr.example.org/oauth/token"), URI.create("https://ehr.example.org/oauth/jwks"),
                List.of("S256"), List.of("launch-standalone"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Test
    void theAuthorizeUrlCarriesEverythingSmartAsksFor() {
        SmartAuthorization authorization = SmartAuthorization.start(configuration("https://ehr.example.org/oauth/authorize"),
                "openvisit", "https://openvisit.example.org/portal/ehr-sign-in/callback", "openid fhirUser");
        URI uri = authorization.authorizeUri();
        assertThat(uri.getScheme() + "://" + uri.getHost() + uri.getPath()).isEqualTo("https://ehr.example.org/oauth/authorize");
        assertThat(uri.getRawQuery()).contains("scope=openid%20fhirUser").doesNotContain("+");
        Map<String, String> query = query(uri);
        assertThat(query).containsEntry("response_type", "code")
                .containsEntry("client_id", "openvisit")
                .containsEntry("redirect_uri", "https://openvisit.example.org/portal/ehr-sign-in/callback")
                .containsEntry("scope", "openid fhirUser")
                .containsEntry("aud", FHIR_BASE)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("state", authorization.state())
                .containsEntry("nonce", authorization.nonce())
                .containsEntry("code_challenge", com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(OAuthStart.PKCE_METHOD,
                        authorization.start().verifier()).getValue());
        assertThat(query).doesNotContainValue(authorization.start().codeVerifier());
        assertThat(authorization.acceptedIssuers()).containsExactly(FHIR_BASE, "https://ehr.example.org/oauth");
        assertThat(authorization.toString()).doesNotContain(authorization.state())
                .doesNotContain(authorization.start().codeVerifier());
    }

    @Test
    void anAuthorizeEndpointWithAQueryKeepsIt() {
        SmartAuthorization authorization = SmartAuthorization.start(
                configuration("https://ehr.example.org/oauth/authorize?tenant=a"), "openvisit",
                "https://openvisit.example.org/cb", "openid fhirUser");
        assertThat(query(authorization.authorizeUri())).containsEntry("tenant", "a").containsEntry("client_id", "openvisit");
    }

    @Test
    void aLaunchCarriesTheEhrsLaunchValueAndSurvivesTheSession() throws Exception {
        SmartAuthorization authorization = SmartAuthorization.start(configuration("https://ehr.example.org/oauth/authorize"),
                "openvisit", "https://openvisit.example.org/launch/callback", "launch openid fhirUser", "xyz 1+2");
        assertThat(query(authorization.authorizeUri())).containsEntry("launch", "xyz 1+2").containsEntry("aud", FHIR_BASE);
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        }
        try (var in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(authorization);
        }
    }

    @Test
    void everyAuthorizationHasItsOwnStateNonceAndVerifier() {
        SmartConfiguration configuration = configuration("https://ehr.example.org/oauth/authorize");
        SmartAuthorization a = SmartAuthorization.start(configuration, "c", "https://o/cb", "openid");
        SmartAuthorization b = SmartAuthorization.start(configuration, "c", "https://o/cb", "openid");
        assertThat(a.state()).isNotEqualTo(b.state()).isNotEqualTo(a.nonce());
        assertThat(a.start().codeVerifier()).isNotEqualTo(b.start().codeVerifier());
    }
}
