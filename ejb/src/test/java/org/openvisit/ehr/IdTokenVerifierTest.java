package org.openvisit.ehr;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.SmartSignInException.Failure;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The id_token checks with a key pair and JWKS made here, as an EHR would publish them. */
class IdTokenVerifierTest {

    private static final String ISSUER = "https://ehr.example.org/fhir";
    private static final String CLIENT = "openvisit";
    private static final String NONCE = "nonce-1234567890";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static RSAKey ehrKey;
    private static RSAKey otherKey;
    private static JWKSet published;

    @BeforeAll
    static void keys() throws JOSEException {
        ehrKey = new RSAKeyGenerator(2048).keyID("ehr-1").generate();
        otherKey = new RSAKeyGenerator(2048).keyID("ehr-1").generate(); // same kid, different key
        published = new JWKSet(ehrKey.toPublicJWK());
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(CLIENT)
                .subject("Practitioner/prac-ada-okafor")
                .claim("fhirUser", "Practitioner/prac-ada-okafor")
                .claim("nonce", NONCE)
                .issueTime(Date.from(NOW.minusSeconds(5)))
                .expirationTime(Date.from(NOW.plus(Duration.ofMinutes(5))));
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String validate(String token) {
        return validate(token, List.of(ISSUER), null);
    }

    private static String validate(String token, List<String> issuers, java.util.Set<JWSAlgorithm> advertised) {
        return IdTokenVerifier.ehrUser(IdTokenVerifier.verify(token, new ImmutableJWKSet<>(published),
                new IdTokenVerifier.Expected(issuers, CLIENT, advertised), NONCE, NOW));
    }

    private static Consumer<SmartSignInException> failure(Failure expected) {
        return e -> {
            assertThat(e.failure()).isEqualTo(expected);
            assertThat(e.getMessage()).isNotBlank();
        };
    }

    @Test
    void aGoodTokenNamesTheEhrUser() throws JOSEException {
        assertThat(validate(signed(ehrKey, claims().build()))).isEqualTo("Practitioner/prac-ada-okafor");
    }

    @Test
    void withoutFhirUserTheSubjectIsTheUser() throws JOSEException {
        JWTClaimsSet claims = claims().claim("fhirUser", null).subject("user-42").build();
        assertThat(validate(signed(ehrKey, claims))).isEqualTo("user-42");
    }

    @Test
    void theIssuerMayDifferByATrailingSlashOrBeTheConfigurationsIssuer() throws JOSEException {
        assertThat(validate(signed(ehrKey, claims().issuer(ISSUER + "/").build()))).isNotBlank();
        String byAuthServer = signed(ehrKey, claims().issuer("https://login.example.org").build());
        assertThat(validate(byAuthServer, List.of(ISSUER, "https://login.example.org"), null)).isNotBlank();
        assertThatThrownBy(() -> validate(byAuthServer)).isInstanceOfSatisfying(SmartSignInException.class,
                failure(Failure.WRONG_ISSUER));
    }

    @Test
    void aBadSignatureIsRefused() throws JOSEException {
        String forged = signed(otherKey, claims().build());
        assertThatThrownBy(() -> validate(forged)).isInstanceOfSatisfying(SmartSignInException.class,
                failure(Failure.BAD_SIGNATURE));
        String tampered = signed(ehrKey, claims().build());
        String[] parts = tampered.split("\\.");
        String otherPayload = signed(ehrKey, claims().subject("Practitioner/someone-else")
                .claim("fhirUser", "Practitioner/someone-else").build()).split("\\.")[1];
        assertThatThrownBy(() -> validate(parts[0] + "." + otherPayload + "." + parts[2]))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.BAD_SIGNATURE));
    }

    @Test
    void anUnknownKeyIdIsRefused() throws JOSEException {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-published").generate();
        assertThatThrownBy(() -> validate(signed(stranger, claims().build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.BAD_SIGNATURE));
    }

    @Test
    void unsignedAndSharedSecretTokensAreRefused() throws JOSEException {
        String unsigned = new PlainJWT(claims().build()).serialize();
        assertThatThrownBy(() -> validate(unsigned)).isInstanceOfSatisfying(SmartSignInException.class,
                failure(Failure.INVALID_ID_TOKEN));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        assertThatThrownBy(() -> validate(hmac.serialize())).isInstanceOfSatisfying(SmartSignInException.class,
                failure(Failure.BAD_SIGNATURE));
        assertThatThrownBy(() -> validate("not a token")).isInstanceOfSatisfying(SmartSignInException.class,
                failure(Failure.INVALID_ID_TOKEN));
    }

    @Test
    void theWrongAudienceIsRefused() throws JOSEException {
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().audience("another-app").build())))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.WRONG_AUDIENCE);
                    assertThat(e.getMessage()).contains("another-app").contains("\"openvisit\"");
                });
        assertThat(validate(signed(ehrKey, claims().audience(List.of("another-app", CLIENT)).build()))).isNotBlank();
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().audience(List.of("another-app", CLIENT))
                .claim("azp", "another-app").build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.WRONG_AUDIENCE));
    }

    @Test
    void theWrongIssuerIsRefused() throws JOSEException {
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().issuer("https://evil.example.org/fhir").build())))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.WRONG_ISSUER);
                    assertThat(e.getMessage()).contains("https://evil.example.org/fhir").contains(ISSUER);
                });
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().issuer(null).build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.WRONG_ISSUER));
    }

    @Test
    void anExpiredTokenIsRefusedBeyondTheClockSkew() throws JOSEException {
        Instant expired = NOW.minus(IdTokenVerifier.CLOCK_SKEW).minusSeconds(1);
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().expirationTime(Date.from(expired)).build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.EXPIRED));
        Instant withinSkew = NOW.minusSeconds(30);
        assertThat(validate(signed(ehrKey, claims().expirationTime(Date.from(withinSkew)).build()))).isNotBlank();
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().expirationTime(null).build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.EXPIRED));
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().issueTime(Date.from(NOW.plus(Duration.ofHours(1))))
                .build()))).isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.EXPIRED));
    }

    @Test
    void theNonceMustBeTheOneSent() throws JOSEException {
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().claim("nonce", "another").build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.WRONG_NONCE));
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().claim("nonce", null).build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.WRONG_NONCE));
    }

    @Test
    void aTokenWithoutAUserIsRefused() throws JOSEException {
        assertThatThrownBy(() -> validate(signed(ehrKey, claims().claim("fhirUser", null).subject(null).build())))
                .isInstanceOfSatisfying(SmartSignInException.class, failure(Failure.NO_EHR_USER));
    }

    @Test
    void anAlgorithmTheIssuerDoesNotUseIsRefused() throws JOSEException {
        String rs256 = signed(ehrKey, claims().build());
        assertThatThrownBy(() -> validate(rs256, List.of(ISSUER), java.util.Set.of(JWSAlgorithm.ES256)))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("RS256").contains("ES256");
                });
        assertThat(validate(rs256, List.of(ISSUER), java.util.Set.of(JWSAlgorithm.RS256, JWSAlgorithm.HS256)))
                .as("an advertised shared-secret algorithm is still not accepted, RS256 is")
                .isEqualTo("Practitioner/prac-ada-okafor");
        assertThat(new IdTokenVerifier.Expected(List.of(ISSUER), CLIENT, java.util.Set.of(JWSAlgorithm.HS256))
                .algorithms()).isEmpty();
    }

    @Test
    void aKeyOfAnotherTypeWithTheSameKidIsNotUsed() throws JOSEException {
        com.nimbusds.jose.jwk.ECKey ec = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_256)
                .keyID("ehr-1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ehr-1").build(), claims().build());
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(ec));
        assertThatThrownBy(() -> validate(jwt.serialize())).isInstanceOfSatisfying(SmartSignInException.class,
                failure(Failure.BAD_SIGNATURE));
    }
}
