package org.openvisit.sandbox.oauth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.sandbox.apps.AppRegistry;

import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.sandbox.oauth.AuthorizationServer.ENDPOINT;
import static org.openvisit.sandbox.oauth.AuthorizationServer.FHIR_BASE;
import static org.openvisit.sandbox.oauth.AuthorizationServer.TOKEN_URL;
import static org.openvisit.sandbox.oauth.AuthorizationServer.codeExchange;

class TokenServiceTest {

    private static final String VERIFIER = "a-verifier-that-is-long-enough-for-pkce-0123456789";
    private final AuthorizationServer server = new AuthorizationServer();

    private String code() {
        return server.code(server.ehrLaunch("Practitioner/prac-ada-okafor", "appt-1001"), VERIFIER);
    }

    @Test
    void exchangesACodeForTokensAndTheLaunchContext() throws Exception {
        JsonObject response = server.tokenService.exchange(codeExchange(code(), VERIFIER), ENDPOINT);

        assertThat(response.getString("token_type")).isEqualTo("Bearer");
        assertThat(response.getString("patient")).isEqualTo("pat-leo-marsh");
        assertThat(response.getString("encounter")).isEqualTo("enc-1001");
        assertThat(response.getJsonArray("fhirContext").getJsonObject(0).getString("reference")).isEqualTo("Appointment/appt-1001");
        assertThat(response.getBoolean("need_patient_banner")).isFalse();
        assertThat(response.getString("refresh_token")).isNotBlank();
        assertThat(server.tokens.find(response.getString("access_token"))).isPresent();

        SignedJWT idToken = SignedJWT.parse(response.getString("id_token"));
        assertThat(idToken.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(idToken.verify(new RSASSAVerifier((RSAKey) server.signingKey.publicJwks().getKeys().get(0)))).isTrue();
        JWTClaimsSet claims = idToken.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(FHIR_BASE);
        assertThat(claims.getAudience()).containsExactly(AppRegistry.OPENVISIT);
        assertThat(claims.getStringClaim("fhirUser")).isEqualTo("Practitioner/prac-ada-okafor");
        assertThat(claims.getSubject()).isEqualTo("Practitioner/prac-ada-okafor");
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
    }

    @Test
    void aSignInThatWithholdsFhirUserGetsAnIdTokenWithAnOpaqueSubjectOnly() throws Exception {
        var request = new AuthorizationRequest("code", AppRegistry.OPENVISIT, AuthorizationServer.CALLBACK,
                "openid fhirUser", "state-2", FHIR_BASE, null, Pkce.challengeOf(VERIFIER), "S256", "nonce-2");
        var checked = server.authorization.check(request, FHIR_BASE, AuthorizationServer.ORIGIN);
        String redirect = server.authorization.approve(checked,
                new LaunchContext("Practitioner/prac-ada-okafor", null, null, null, null, true), true);
        String code = redirect.replaceAll(".*[?&]code=([^&]+).*", "$1");

        JsonObject response = server.tokenService.exchange(codeExchange(code, VERIFIER), ENDPOINT);

        assertThat(response.getString("scope")).doesNotContain("fhirUser").contains("openid");
        JWTClaimsSet claims = SignedJWT.parse(response.getString("id_token")).getJWTClaimsSet();
        assertThat(claims.getClaim("fhirUser")).isNull();
        assertThat(claims.getSubject()).matches("u[0-9a-f]{24}").isEqualTo(IdTokens.accountId("Practitioner/prac-ada-okafor"))
                .isNotEqualTo(IdTokens.accountId("Patient/pat-leo-marsh"));
        assertThat(claims.getStringClaim("nonce")).isEqualTo("nonce-2");
    }

    @Test
    void theIdTokenIssuerIsTheFhirBaseAuthorizedEvenWhenTheTokenEndpointIsCalledByAnotherName() throws Exception {
        TokenService.Endpoint viaLocalhost = new TokenService.Endpoint("http://localhost:8181",
                "http://localhost:8181/ehr-sandbox/fhir", "http://localhost:8181/ehr-sandbox/oauth/token");

        JsonObject response = server.tokenService.exchange(codeExchange(code(), VERIFIER), viaLocalhost);

        assertThat(SignedJWT.parse(response.getString("id_token")).getJWTClaimsSet().getIssuer()).isEqualTo(FHIR_BASE);
    }

    @Test
    void accessTokensExpire() {
        String accessToken = server.tokenService.exchange(codeExchange(code(), VERIFIER), ENDPOINT).getString("access_token");

        server.clock.advance(server.lifetimes.accessToken().plusSeconds(1));

        assertThat(server.tokens.find(accessToken)).isEmpty();
    }

    @Test
    void refusesABadVerifier() {
        assertThatThrownBy(() -> server.tokenService.exchange(codeExchange(code(), VERIFIER + "x"), ENDPOINT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"))
                .hasMessageContaining("code_verifier");
    }

    @Test
    void refusesAReusedCodeAndRevokesTheTokensOfItsFirstUse() {
        String code = code();
        String accessToken = server.tokenService.exchange(codeExchange(code, VERIFIER), ENDPOINT).getString("access_token");

        assertThatThrownBy(() -> server.tokenService.exchange(codeExchange(code, VERIFIER), ENDPOINT))
                .isInstanceOf(OAuthException.class).hasMessageContaining("already used");
        assertThat(server.tokens.find(accessToken)).isEmpty();
    }

    @Test
    void refusesAnExpiredCode() {
        String code = code();
        server.clock.advance(Duration.ofSeconds(61));

        assertThatThrownBy(() -> server.tokenService.exchange(codeExchange(code, VERIFIER), ENDPOINT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_grant"))
                .hasMessageContaining("expired");
    }

    @Test
    void refusesAnotherRedirectUriOrAnUnknownClient() {
        Map<String, String> otherRedirect = new HashMap<>(codeExchange(code(), VERIFIER));
        otherRedirect.put("redirect_uri", AuthorizationServer.ORIGIN + "/portal/ehr-sign-in/callback");
        Map<String, String> unknownClient = new HashMap<>(codeExchange(code(), VERIFIER));
        unknownClient.put("client_id", "nobody");

        assertThatThrownBy(() -> server.tokenService.exchange(otherRedirect, ENDPOINT))
                .isInstanceOf(OAuthException.class).hasMessageContaining("redirect_uri");
        assertThatThrownBy(() -> server.tokenService.exchange(unknownClient, ENDPOINT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.status()).isEqualTo(401));
    }

    @Test
    void refreshesWithTheSameContext() {
        String refreshToken = server.tokenService.exchange(codeExchange(code(), VERIFIER), ENDPOINT).getString("refresh_token");

        JsonObject refreshed = server.tokenService.exchange(Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken, "client_id", AppRegistry.OPENVISIT), ENDPOINT);

        assertThat(refreshed.getString("patient")).isEqualTo("pat-leo-marsh");
        assertThat(server.tokens.find(refreshed.getString("access_token"))).isPresent();
        assertThatThrownBy(() -> server.tokenService.exchange(Map.of("grant_type", "refresh_token",
                "refresh_token", "made-up", "client_id", AppRegistry.OPENVISIT), ENDPOINT)).isInstanceOf(OAuthException.class);
    }

    @Test
    void issuesBackendServiceTokensForRs384AndEs384Assertions() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        registerBackendKeys(new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())));

        JsonObject viaRsa = server.tokenService.exchange(clientCredentials(assertion(rsa, JWSAlgorithm.RS384, TOKEN_URL, 240)), ENDPOINT);
        JsonObject viaEc = server.tokenService.exchange(clientCredentials(assertion(ec, JWSAlgorithm.ES384, TOKEN_URL, 240)), ENDPOINT);

        assertThat(viaRsa.getString("scope")).isEqualTo("system/Communication.c");
        assertThat(viaRsa.containsKey("id_token")).isFalse();
        assertThat(viaRsa.containsKey("refresh_token")).isFalse();
        assertThat(server.tokens.find(viaEc.getString("access_token")).orElseThrow().clientId()).isEqualTo("openvisit-backend");
    }

    @Test
    void refusesBadClientAssertions() throws Exception {
        RSAKey registered = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        registerBackendKeys(new JWKSet(registered.toPublicJWK()));

        assertRefused(assertion(stranger, JWSAlgorithm.RS384, TOKEN_URL, 240), "signature");
        assertRefused(assertion(registered, JWSAlgorithm.RS384, FHIR_BASE, 240), "aud");
        assertRefused(assertion(registered, JWSAlgorithm.RS256, TOKEN_URL, 240), "RS384");
        assertRefused(assertion(registered, JWSAlgorithm.RS384, TOKEN_URL, 3600), "five minutes");
        assertRefused(assertion(registered, JWSAlgorithm.RS384, TOKEN_URL, -120), "expired");
        String once = assertion(registered, JWSAlgorithm.RS384, TOKEN_URL, 240);
        server.tokenService.exchange(clientCredentials(once), ENDPOINT);
        assertRefused(once, "jti");
    }

    @Test
    void refusesAnAssertionOfAnUnknownClientAndAPublicClientWithoutOne() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS384), new JWTClaimsSet.Builder().issuer("nobody")
                .subject("nobody").audience(TOKEN_URL).expirationTime(new Date()).jwtID("j").build());
        jwt.sign(new RSASSASigner(key));

        assertRefused(jwt.serialize(), "unknown client");
        assertThatThrownBy(() -> server.tokenService.exchange(Map.of("grant_type", "client_credentials",
                "client_id", "openvisit", "scope", "system/*.rs"), ENDPOINT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_client"));
    }

    private void assertRefused(String assertion, String reason) {
        assertThatThrownBy(() -> server.tokenService.exchange(clientCredentials(assertion), ENDPOINT))
                .isInstanceOfSatisfying(OAuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_client"))
                .hasMessageContaining(reason);
    }

    private void registerBackendKeys(JWKSet keys) {
        server.apps.save(server.apps.find("openvisit-backend").orElseThrow().withJwks(keys.toString()));
    }

    private static Map<String, String> clientCredentials(String assertion) {
        return Map.of("grant_type", "client_credentials", "scope", "system/Communication.c",
                "client_assertion_type", ClientAssertions.JWT_BEARER, "client_assertion", assertion);
    }

    private String assertion(com.nimbusds.jose.jwk.JWK key, JWSAlgorithm algorithm, String audience, long secondsValid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer("openvisit-backend").subject("openvisit-backend").audience(audience)
                        .expirationTime(Date.from(server.clock.instant().plusSeconds(secondsValid)))
                        .jwtID(UUID.randomUUID().toString()).build());
        if (key instanceof RSAKey rsa) {
            jwt.sign(new RSASSASigner(rsa.toPrivateKey(), true));
        } else {
            jwt.sign(new ECDSASigner((ECKey) key));
        }
        return jwt.serialize();
    }
}
