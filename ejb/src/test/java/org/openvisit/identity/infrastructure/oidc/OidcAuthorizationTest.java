package org.openvisit.identity.infrastructure.oidc;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.OAuthStart;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OidcAuthorizationTest {

    private static final PortalSignInSettings SETTINGS = PortalSignInSettings.parse(key -> Optional.ofNullable(Map.of(
            PortalSignInSettings.MODE_KEY, "oidc",
            PortalSignInSettings.ISSUER_KEY, "https://login.example.org/realms/hospital",
            PortalSignInSettings.CLIENT_ID_KEY, "openvisit-portal").get(key)));
    private static final OidcProvider PROVIDER = new OidcProvider("https://login.example.org/realms/hospital",
            URI.create("https://login.example.org/auth?kc=1"), URI.create("https://login.example.org/token"),
            URI.create("https://login.example.org/jwks"), false, List.of());

    private static Map<String, String> query(URI uri) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
    }

    @Test
    void theAuthorizeRequestHasCodeFlowPkceStateAndNonce() {
        OidcAuthorization a = OidcAuthorization.start(PROVIDER, SETTINGS, "https://ov.example/portal/oidc/callback",
                "/endpoints.xhtml");
        Map<String, String> q = query(a.authorizeUri());
        assertThat(a.authorizeUri().toString()).startsWith("https://login.example.org/auth?");
        assertThat(q).as("the provider's own query is kept").containsEntry("kc", "1");
        assertThat(q).containsEntry("response_type", "code").containsEntry("client_id", "openvisit-portal")
                .containsEntry("redirect_uri", "https://ov.example/portal/oidc/callback")
                .containsEntry("scope", "openid profile email").containsEntry("code_challenge_method", "S256")
                .containsEntry("state", a.state()).containsEntry("nonce", a.nonce())
                .containsEntry("code_challenge", com.nimbusds.oauth2.sdk.pkce.CodeChallenge.compute(
                        OAuthStart.PKCE_METHOD, a.start().verifier()).getValue()).doesNotContainKey("aud");
        assertThat(a.state()).hasSizeGreaterThanOrEqualTo(22); // >= 128 bits of base64url
        assertThat(a.nonce()).isNotEqualTo(a.state());
        assertThat(a.toString()).doesNotContain(a.state()).doesNotContain(a.nonce())
                .doesNotContain(a.start().codeVerifier());
    }

    @Test
    void aSmartServerAlsoGetsTheAudience() {
        OidcProvider smart = new OidcProvider("http://127.0.0.1:1/ehr-sandbox/fhir", PROVIDER.authorizationEndpoint(),
                PROVIDER.tokenEndpoint(), PROVIDER.jwksUri(), true, List.of());
        assertThat(query(OidcAuthorization.start(smart, SETTINGS, "https://ov/cb", "/")
                .authorizeUri())).containsEntry("aud", "http://127.0.0.1:1/ehr-sandbox/fhir");
    }

    @Test
    void onlyTheExactStateMatchesAndEachSignInHasItsOwn() {
        OidcAuthorization a = OidcAuthorization.start(PROVIDER, SETTINGS, "https://ov/cb", "/");
        OidcAuthorization b = OidcAuthorization.start(PROVIDER, SETTINGS, "https://ov/cb", "/");
        assertThat(a.hasState(a.state())).isTrue();
        assertThat(a.hasState(b.state())).isFalse();
        assertThat(a.hasState(null)).isFalse();
        assertThat(a.hasState("")).isFalse();
        assertThat(a.hasState(a.state() + "x")).isFalse();
        assertThat(a.hasState(a.state().substring(1))).isFalse();
    }

    @Test
    void discoveryDocumentsAreChecked() {
        URI source = OidcProvider.openIdConfiguration("https://login.example.org/realms/hospital/");
        assertThat(source.toString()).isEqualTo("https://login.example.org/realms/hospital/.well-known/openid-configuration");
        String good = "{\"issuer\":\"https://login.example.org/realms/hospital\",\"authorization_endpoint\":"
                + "\"https://login.example.org/auth\",\"token_endpoint\":\"https://login.example.org/token\","
                + "\"jwks_uri\":\"https://login.example.org/jwks\",\"response_types_supported\":[\"code\"],"
                + "\"subject_types_supported\":[\"public\"],\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        OidcProvider provider = OidcProvider.parse("https://login.example.org/realms/hospital", source, good, false);
        assertThat(provider.tokenEndpoint()).isEqualTo(URI.create("https://login.example.org/token"));
        assertThat(provider.idTokenJwsAlgorithms()).containsExactly(com.nimbusds.jose.JWSAlgorithm.RS256);
        assertThatThrownBy(() -> OidcProvider.parse("https://login.example.org/realms/other", source, good, false))
                .isInstanceOf(OidcSignInException.class).hasMessageContaining("openvisit.oidc.issuer");
        assertThatThrownBy(() -> OidcProvider.parse("https://login.example.org/realms/hospital", source,
                good.replace("\"jwks_uri\"", "\"keys\""), false)).hasMessageContaining("jwks_uri");
        assertThatThrownBy(() -> OidcProvider.parse("https://login.example.org/realms/hospital", source, "<html>",
                false)).isInstanceOf(OidcSignInException.class).hasMessageContaining("not an OpenID Connect discovery document");
    }
}
