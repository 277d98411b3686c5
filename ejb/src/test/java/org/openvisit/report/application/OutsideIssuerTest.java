package org.openvisit.report.application;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An outside issuer's tokens against its JWKS served over real HTTP on the loopback address, read through the ehr
 * layer's key sets (address policy of development mode, which allows this machine's own addresses).
 */
class OutsideIssuerTest {

    private static final UUID ORG = UUID.randomUUID();
    private HttpServer idp;
    private String issuer;
    private RSAKey key;
    private volatile JWKSet published;
    private final AtomicInteger reads = new AtomicInteger();
    private OutsideTokens tokens;

    @BeforeEach
    void start() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        published = new JWKSet(key.toPublicJWK());
        idp = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + idp.getAddress().getPort() + "/realms/hospital";
        idp.createContext("/realms/hospital/keys", exchange -> {
            reads.incrementAndGet();
            byte[] body = published.toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        idp.start();
        OutsideIssuer outside = OutsideIssuer.parse(config(Map.of(OutsideIssuer.ISSUER, issuer,
                OutsideIssuer.JWKS_URL, issuer + "/keys", OutsideIssuer.ORGANIZATION_CLAIM, "openvisit_org")))
                .orElseThrow();
        tokens = new OutsideTokens(outside, new OutboundAddressPolicy(true, false));
    }

    @AfterEach
    void stop() {
        idp.stop(0);
    }

    private static java.util.function.Function<String, Optional<String>> config(Map<String, String> values) {
        return k -> Optional.ofNullable(values.get(k));
    }

    private String token(RSAKey signer, Consumer<JWTClaimsSet.Builder> change) throws JOSEException {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).audience("openvisit-reports")
                .subject("svc-powerbi").expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("groups", List.of("REPORT_READER")).claim("openvisit_org", ORG.toString());
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(signer.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    @Test
    void aTokenOfTheIssuerIsTakenWithItsOrganizationAndGroupsAndNoTokenId() throws Exception {
        String token = token(key, c -> { });
        assertThat(tokens.names(token)).isTrue();
        ReportTokenClaims claims = tokens.verify(token);
        assertThat(claims.organizationId()).isEqualTo(ORG);
        assertThat(claims.groups()).containsExactly("REPORT_READER");
        assertThat(claims.subject()).isEqualTo("svc-powerbi");
        tokens.verify(token(key, c -> { }));
        assertThat(reads.get()).as("the keys are cached").isEqualTo(1);
    }

    @Test
    void wrongAudienceExpiredMissingOrganizationOrAnotherKeyAreRefused() throws Exception {
        assertThatThrownBy(() -> tokens.verify(token(key, c -> c.audience("another-api"))))
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> tokens.verify(token(key, c -> c.expirationTime(Date.from(Instant.now()
                .minusSeconds(3600)))))).isInstanceOf(TokenRefusedException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> tokens.verify(token(key, c -> c.claim("openvisit_org", null))))
                .isInstanceOf(TokenRefusedException.class).hasMessageContaining("claim");
        RSAKey forger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        assertThatThrownBy(() -> tokens.verify(token(forger, c -> { }))).isInstanceOf(TokenRefusedException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void aKeyTheIssuerPublishedSinceIsReadOnce() throws Exception {
        tokens.verify(token(key, c -> { }));
        RSAKey next = new RSAKeyGenerator(2048).keyID("idp-2").generate();
        published = new JWKSet(List.of(key.toPublicJWK(), next.toPublicJWK()));
        assertThat(tokens.verify(token(next, c -> { })).organizationId()).isEqualTo(ORG);
        assertThat(reads.get()).isEqualTo(2);
    }

    @Test
    void onlyTokensNamingTheIssuerGoThereAndTheConfigurationIsChecked() throws Exception {
        assertThat(tokens.names(token(key, c -> c.issuer("https://openvisit.example.org")))).isFalse();
        assertThat(tokens.names("not a token")).isFalse();
        assertThat(OutsideIssuer.parse(config(Map.of()))).isEmpty();
        assertThatThrownBy(() -> OutsideIssuer.parse(config(Map.of(OutsideIssuer.ISSUER, "https://idp"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(OutsideIssuer.JWKS_URL);
        assertThatThrownBy(() -> OutsideIssuer.parse(config(Map.of(OutsideIssuer.ISSUER, "https://idp",
                OutsideIssuer.JWKS_URL, "keys.json")))).isInstanceOf(IllegalStateException.class);
        OutsideIssuer defaults = OutsideIssuer.parse(config(Map.of(OutsideIssuer.ISSUER, "https://idp",
                OutsideIssuer.JWKS_URL, "https://idp/keys"))).orElseThrow();
        assertThat(defaults.audience()).isEqualTo("openvisit-reports");
        assertThat(defaults.organizationClaim()).isEqualTo("organization");
    }

    @Test
    void theReportTokenServiceSendsTheIssuersTokensThereAndKeepsItsOwn() throws Exception {
        ReportTokenService service = new ReportTokenService();
        ReportTokenKeys keys = new ReportTokenKeys();
        set(keys, "key", org.openvisit.report.infrastructure.jwt.ReportJwt.newKey());
        set(keys, "publicUrl", Optional.of("https://openvisit.example.org"));
        set(service, "keys", keys);
        set(service, "outside", tokens);
        assertThat(service.verify(token(key, c -> { })).organizationId()).isEqualTo(ORG);
        assertThatThrownBy(() -> service.verify(token(key, c -> c.issuer("https://openvisit.example.org"))))
                .as("the installation's issuer, signed by the outside key").isInstanceOf(TokenRefusedException.class);
    }

    private static void set(Object target, String name, Object value) throws Exception {
        java.lang.reflect.Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }
}
