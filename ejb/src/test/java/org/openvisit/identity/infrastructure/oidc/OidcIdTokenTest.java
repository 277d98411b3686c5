package org.openvisit.identity.infrastructure.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OidcIdTokenTest {

    private static final String ISSUER = "https://login.example.org/realms/hospital";
    private static final String CLIENT = "openvisit-portal";
    private static final String NONCE = "n-0123456789abcdef0123456789abcdef0123456";
    private static final Instant NOW = Instant.parse("2026-11-23T05:00:00Z");
    private static RSAKey key;
    private static RSAKey otherKey;

    @BeforeAll
    static void keys() throws JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(CLIENT).subject("f81d4fae")
                .claim("preferred_username", "ada.okafor").claim("email", "ada@example.org").claim("nonce", NONCE)
                .issueTime(Date.from(NOW.minusSeconds(5))).expirationTime(Date.from(NOW.plusSeconds(300)));
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(with));
        return jwt.serialize();
    }

    private static JWTClaimsSet verify(UnaryOperator<JWTClaimsSet.Builder> change) throws JOSEException {
        return OidcIdToken.verify(sign(change.apply(claims()).build(), key), new JWKSet(key.toPublicJWK()), ISSUER,
                CLIENT, NONCE, NOW);
    }

    private static String code(UnaryOperator<JWTClaimsSet.Builder> change) {
        try {
            verify(change);
        } catch (OidcSignInException e) {
            assertThat(e.getMessage()).doesNotContain(NONCE);
            return e.code();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return "accepted";
    }

    @Test
    void aGoodTokenIsAccepted() throws JOSEException {
        assertThat(verify(b -> b).getSubject()).isEqualTo("f81d4fae");
        assertThat(code(b -> b.issuer(ISSUER + "/"))).as("a trailing slash is the same issuer").isEqualTo("accepted");
    }

    @Test
    void issuerAudienceExpiryAndNonceAreChecked() {
        assertThat(code(b -> b.issuer("https://evil.example.org/realms/hospital"))).isEqualTo("wrong_issuer");
        assertThat(code(b -> b.issuer(null))).isEqualTo("wrong_issuer");
        assertThat(code(b -> b.audience("another-app"))).isEqualTo("wrong_audience");
        assertThat(code(b -> b.audience(List.of(CLIENT, "another-app")).claim("azp", "another-app")))
                .isEqualTo("wrong_audience");
        assertThat(code(b -> b.audience(List.of(CLIENT, "another-app")).claim("azp", CLIENT))).isEqualTo("accepted");
        assertThat(code(b -> b.expirationTime(Date.from(NOW.minusSeconds(61))))).isEqualTo("expired");
        assertThat(code(b -> b.expirationTime(Date.from(NOW.minusSeconds(30))))).as("clock skew").isEqualTo("accepted");
        assertThat(code(b -> b.expirationTime(null))).isEqualTo("expired");
        assertThat(code(b -> b.issueTime(Date.from(NOW.plusSeconds(600))))).isEqualTo("expired");
        assertThat(code(b -> b.claim("nonce", "another-nonce"))).isEqualTo("wrong_nonce");
        assertThat(code(b -> b.claim("nonce", null))).isEqualTo("wrong_nonce");
    }

    @Test
    void theSignatureMustBeTheProvidersKey() throws JOSEException {
        String forged = sign(claims().build(), otherKey);
        assertThatThrownBy(() -> OidcIdToken.verify(forged, new JWKSet(key.toPublicJWK()), ISSUER, CLIENT, NONCE, NOW))
                .isInstanceOf(OidcSignInException.class).extracting(e -> ((OidcSignInException) e).code())
                .isEqualTo("bad_signature");
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertThatThrownBy(() -> OidcIdToken.verify(hmac.serialize(), new JWKSet(key.toPublicJWK()), ISSUER, CLIENT,
                NONCE, NOW)).extracting(e -> ((OidcSignInException) e).code()).isEqualTo("bad_signature");
        assertThatThrownBy(() -> OidcIdToken.verify("not.a.jwt", new JWKSet(key.toPublicJWK()), ISSUER, CLIENT,
                NONCE, NOW)).extracting(e -> ((OidcSignInException) e).code()).isEqualTo("invalid_id_token");
    }

    @Test
    void theDefaultClaimFallsBackToEmailThenSub() {
        JWTClaimsSet all = claims().build();
        assertThat(OidcIdToken.username(all, "preferred_username")).isEqualTo("ada.okafor");
        JWTClaimsSet noPreferred = claims().claim("preferred_username", null).build();
        assertThat(OidcIdToken.username(noPreferred, "preferred_username")).isEqualTo("ada@example.org");
        JWTClaimsSet onlySub = claims().claim("preferred_username", " ").claim("email", null).build();
        assertThat(OidcIdToken.username(onlySub, "preferred_username")).isEqualTo("f81d4fae");
    }

    @Test
    void anExplicitClaimIsUsedAloneAndTrimmed() {
        assertThat(OidcIdToken.username(claims().claim("upn", " ada@hospital.local ").build(), "upn"))
                .isEqualTo("ada@hospital.local");
        assertThat(OidcIdToken.username(claims().build(), "sub")).isEqualTo("f81d4fae");
        assertThatThrownBy(() -> OidcIdToken.username(claims().build(), "upn"))
                .isInstanceOf(OidcSignInException.class).hasMessageContaining("upn")
                .extracting(e -> ((OidcSignInException) e).code()).isEqualTo("no_username");
        assertThatThrownBy(() -> OidcIdToken.username(claims().claim("upn", 42).build(), "upn"))
                .extracting(e -> ((OidcSignInException) e).code()).isEqualTo("no_username");
    }
}
