package org.openvisit.smart;

import com.nimbusds.jose.JOSEException;
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
import org.openvisit.smart.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class EhrSigningKeysTest {

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> published = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AdjustableClock clock = new AdjustableClock(Instant.parse("2026-11-30T10:00:00Z"));
    private HttpServer server;
    private URI jwksUri;
    private EhrSigningKeys keys;
    private RSAKey first;

    @BeforeEach
    void ehr() throws IOException, JOSEException {
        first = new RSAKeyGenerator(2048).keyID("k1").generate();
        published.set(new JWKSet(first.toPublicJWK()).toString());
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        jwksUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
        keys = new EhrSigningKeys(new OutboundHttp(new OutboundAddressPolicy(true, false), InetAddress::getAllByName), clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theKeysAreReadOnceForManyTokens() throws JOSEException {
        for (int i = 0; i < 5; i++) {
            assertThat(check(signed(first))).isTrue();
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void keptKeysAreReadAgainAfterTenMinutes() throws JOSEException {
        check(signed(first));
        clock.advance(Duration.ofMinutes(10));
        check(signed(first));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void aRotatedKeyIsFoundByReadingTheKeysAgain() throws JOSEException {
        check(signed(first));
        RSAKey second = new RSAKeyGenerator(2048).keyID("k2").generate();
        published.set(new JWKSet(java.util.List.of(first.toPublicJWK(), second.toPublicJWK())).toString());
        clock.advance(Duration.ofSeconds(31));

        assertThat(check(signed(second))).isTrue();
        assertThat(fetches).hasValue(2);
        assertThat(check(signed(second))).isTrue();
        assertThat(fetches).as("the new keys are kept").hasValue(2);
    }

    @Test
    void unknownKeysDoNotMakeItReadTheKeysMoreThanEveryThirtySeconds() throws JOSEException {
        check(signed(first));
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("k1").generate();
        for (int i = 0; i < 3; i++) {
            SmartSignInException refused = catchThrowableOfType(() -> check(signed(stranger)), SmartSignInException.class);
            assertThat(refused.failure()).isEqualTo(Failure.BAD_SIGNATURE);
        }
        assertThat(fetches).hasValue(1);

        clock.advance(Duration.ofSeconds(31));
        SmartSignInException refused = catchThrowableOfType(() -> check(signed(stranger)), SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(fetches).as("read again once, still not the EHR's key").hasValue(2);
    }

    @Test
    void keysThatCannotBeReadAreNotKept() throws JOSEException {
        status.set(500);
        SmartSignInException refused = catchThrowableOfType(() -> check(signed(first)), SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.INVALID_JWKS);
        assertThat(refused.getMessage()).contains("HTTP 500");

        status.set(200);
        published.set("not a key set");
        refused = catchThrowableOfType(() -> check(signed(first)), SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.INVALID_JWKS);

        published.set(new JWKSet(first.toPublicJWK()).toString());
        assertThat(check(signed(first))).isTrue();
        assertThat(fetches).hasValue(3);
    }

    private boolean check(SignedJWT jwt) {
        return keys.verify(jwksUri, set -> {
            IdTokenValidator.verifySignature(jwt, set);
            return true;
        });
    }

    private static SignedJWT signed(RSAKey key) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                new JWTClaimsSet.Builder().subject("Practitioner/p1").build());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private static final class AdjustableClock extends Clock {
        private Instant now;

        AdjustableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
