package org.openvisit.report.infrastructure.jwt;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.openvisit.report.application.ReportTokenClaims;
import org.openvisit.report.application.TokenRefusedException;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportJwtTest {

    private static final String ISSUER = "https://openvisit.example.org";
    private static final ECKey KEY = ReportJwt.newKey();
    private static final JWKSet PUBLIC = new JWKSet(KEY.toPublicJWK());
    private static final UUID ORG = UUID.randomUUID();

    private static ReportTokenClaims claims(Instant expires) {
        String jti = UUID.randomUUID().toString();
        return new ReportTokenClaims(ISSUER, "report-token:" + jti, jti, ORG, Set.of("REPORT_READER"), expires);
    }

    @Test
    void aTokenItIssuedIsVerifiedWithItsClaims() {
        ReportTokenClaims issued = claims(Instant.now().plus(Duration.ofDays(1)));
        String token = ReportJwt.sign(KEY, ISSUER, issued, Instant.now());

        ReportTokenClaims read = ReportJwt.verify("  " + token + " ", PUBLIC, ISSUER);

        assertThat(read.organizationId()).isEqualTo(ORG);
        assertThat(read.groups()).containsExactly("REPORT_READER");
        assertThat(read.tokenId()).isEqualTo(issued.tokenId());
        assertThat(read.subject()).isEqualTo(issued.subject());
        assertThat(read.issuer()).isEqualTo(ISSUER);
    }

    @Test
    void missingTokenIsRefused() {
        assertThatThrownBy(() -> ReportJwt.verify(null, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("Bearer");
        assertThatThrownBy(() -> ReportJwt.verify(" ", PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class);
        assertThatThrownBy(() -> ReportJwt.verify("not-a-jwt", PUBLIC, ISSUER))
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("not a JWT");
    }

    @Test
    void expiredTokenIsRefused() {
        String token = ReportJwt.sign(KEY, ISSUER, claims(Instant.now().minus(Duration.ofMinutes(5))),
                Instant.now().minus(Duration.ofDays(1)));
        assertThatThrownBy(() -> ReportJwt.verify(token, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void wrongIssuerIsRefused() {
        String token = ReportJwt.sign(KEY, "https://elsewhere.example.org", claims(Instant.now().plusSeconds(600)),
                Instant.now());
        assertThatThrownBy(() -> ReportJwt.verify(token, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("issuer");
    }

    @Test
    void wrongAudienceIsRefused() throws Exception {
        String token = signed(new JWTClaimsSet.Builder().issuer(ISSUER).audience("another-api").subject("s")
                .jwtID("j").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("groups", java.util.List.of("REPORT_READER")).claim("organization", ORG.toString()).build(), KEY);
        assertThatThrownBy(() -> ReportJwt.verify(token, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("audience");
    }

    @Test
    void missingOrganizationClaimIsRefused() throws Exception {
        String token = signed(new JWTClaimsSet.Builder().issuer(ISSUER).audience(ReportJwt.AUDIENCE).subject("s")
                .jwtID("j").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("groups", java.util.List.of("REPORT_READER")).build(), KEY);
        assertThatThrownBy(() -> ReportJwt.verify(token, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("claim");
    }

    @Test
    void anotherKeysSignatureIsRefused() {
        String token = ReportJwt.sign(ReportJwt.newKey(), ISSUER, claims(Instant.now().plusSeconds(600)),
                Instant.now());
        assertThatThrownBy(() -> ReportJwt.verify(token, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aTamperedTokenIsRefused() {
        String token = ReportJwt.sign(KEY, ISSUER, claims(Instant.now().plusSeconds(600)), Instant.now());
        String[] parts = token.split("\\.");
        String otherClaims = ReportJwt.sign(KEY, ISSUER, new ReportTokenClaims(ISSUER, "x", "y", UUID.randomUUID(),
                Set.of("REPORT_READER"), Instant.now().plusSeconds(600)), Instant.now()).split("\\.")[1];
        String tampered = parts[0] + "." + otherClaims + "." + parts[2];
        assertThatThrownBy(() -> ReportJwt.verify(tampered, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aSharedSecretSignatureIsRefused() throws Exception {
        String token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(ReportJwt.AUDIENCE).subject("s").jwtID("j")
                        .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                        .claim("groups", java.util.List.of("REPORT_READER")).claim("organization", ORG.toString())
                        .build()) {{
            sign(new MACSigner(new byte[32]));
        }}.serialize();
        assertThatThrownBy(() -> ReportJwt.verify(token, PUBLIC, ISSUER)).isInstanceOf(TokenRefusedException.class);
    }

    private static String signed(JWTClaimsSet set, ECKey key) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), set);
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(key));
        return jwt.serialize();
    }
}
