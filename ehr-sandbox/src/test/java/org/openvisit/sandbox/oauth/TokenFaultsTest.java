package org.openvisit.sandbox.oauth;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.sandbox.oauth.AuthorizationServer.ENDPOINT;
import static org.openvisit.sandbox.oauth.AuthorizationServer.codeExchange;

class TokenFaultsTest {

    private static final String VERIFIER = "a-verifier-that-is-long-enough-for-pkce-0123456789";
    private final AuthorizationServer server = new AuthorizationServer();

    private JsonObject exchange() {
        String code = server.code(server.ehrLaunch("Practitioner/prac-ada-okafor", "appt-1001"), VERIFIER);
        return server.tokenService.exchange(codeExchange(code, VERIFIER), ENDPOINT);
    }

    private SignedJWT idToken() throws Exception {
        return SignedJWT.parse(exchange().getString("id_token"));
    }

    private boolean verifies(SignedJWT jwt) throws Exception {
        return jwt.verify(new RSASSAVerifier((RSAKey) server.signingKey.publicJwks().getKeys().get(0)));
    }

    @Test
    void aServerErrorIsAnsweredForTheNextCountResponsesThenTokensAgain() throws Exception {
        server.tokenFaults.set(TokenFault.SERVER_ERROR, 2);
        assertThatThrownBy(this::exchange).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.error()).isEqualTo("server_error");
        });
        assertThatThrownBy(this::exchange).isInstanceOf(OAuthException.class);
        assertThat(server.tokenFaults.current()).isEqualTo(TokenFault.NONE);
        assertThat(verifies(idToken())).isTrue();
    }

    @Test
    void spoiledIdTokensAreWhatTheirNameSays() throws Exception {
        server.tokenFaults.set(TokenFault.ID_TOKEN_BAD_SIGNATURE, 1);
        SignedJWT forged = idToken();
        assertThat(forged.getHeader().getKeyID()).isEqualTo(server.signingKey.publicJwks().getKeys().get(0).getKeyID());
        assertThat(verifies(forged)).isFalse();

        server.tokenFaults.set(TokenFault.ID_TOKEN_WRONG_AUDIENCE, 1);
        SignedJWT wrongAudience = idToken();
        assertThat(verifies(wrongAudience)).isTrue();
        assertThat(wrongAudience.getJWTClaimsSet().getAudience()).containsExactly("another-app");

        server.tokenFaults.set(TokenFault.ID_TOKEN_EXPIRED, 1);
        SignedJWT expired = idToken();
        assertThat(verifies(expired)).isTrue();
        assertThat(expired.getJWTClaimsSet().getExpirationTime()).isBefore(Date.from(server.clock.instant()));
    }

    @Test
    void theCountIsBounded() {
        assertThatThrownBy(() -> server.tokenFaults.set(TokenFault.SERVER_ERROR, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.tokenFaults.set(TokenFault.SERVER_ERROR, 101)).isInstanceOf(IllegalArgumentException.class);
        server.tokenFaults.set(TokenFault.ID_TOKEN_EXPIRED, 3);
        server.tokenFaults.clear();
        assertThat(server.tokenFaults.current()).isEqualTo(TokenFault.NONE);
    }
}
