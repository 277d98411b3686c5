package org.openvisit.ehr.backend;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAssertionTest {

    private static final URI TOKEN = URI.create("https://ehr.example.org/oauth/token");

    @Test
    void anEs384AssertionForTheTokenEndpointWithAFreshJtiAndAShortLife() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        SignedJWT a = SignedJWT.parse(ClientAssertion.sign(key, "openvisit-backend", TOKEN, now));
        SignedJWT b = SignedJWT.parse(ClientAssertion.sign(key, "openvisit-backend", TOKEN, now));
        assertThat(a.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
        assertThat(a.getHeader().getKeyID()).isEqualTo("k1");
        assertThat(a.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        var claims = a.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("openvisit-backend");
        assertThat(claims.getSubject()).isEqualTo("openvisit-backend");
        assertThat(claims.getAudience()).containsExactly(TOKEN.toString());
        assertThat(claims.getExpirationTime().toInstant()).isEqualTo(now.plusSeconds(240));
        assertThat(claims.getJWTID()).isNotEqualTo(b.getJWTClaimsSet().getJWTID());
    }

    @Test
    void anRs384Assertion() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).keyID("r1").generate();
        SignedJWT a = SignedJWT.parse(ClientAssertion.sign(key, "c", TOKEN, Instant.now()));
        assertThat(a.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
        assertThat(a.verify(new RSASSAVerifier(key.toPublicJWK()))).isTrue();
    }

    @Test
    void theAssertionIsAPrivateKeyJwtWithTheJwtTypeSmartAsksFor() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").generate();
        var authentication = ClientAssertion.authentication(key, "openvisit-backend", TOKEN, Instant.now());
        assertThat(authentication.getMethod().getValue()).isEqualTo("private_key_jwt");
        assertThat(authentication.getClientID().getValue()).isEqualTo("openvisit-backend");
        assertThat(authentication.getClientAssertion().getHeader().getType())
                .isEqualTo(com.nimbusds.jose.JOSEObjectType.JWT);
        assertThat(authentication.toParameters()).containsEntry("client_assertion_type",
                java.util.List.of("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"));
    }
}
