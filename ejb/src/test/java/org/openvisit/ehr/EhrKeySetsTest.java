package org.openvisit.ehr;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The EHRs' key sets ({@link EhrKeySets} on Nimbus's JWKSourceBuilder) as {@link IdTokenVerifier} uses them, against
 * a JWKS endpoint on this machine's loopback: cache, several keys, tokens without {@code kid}, rotation (one read
 * more), the rate limit, an outage with cached keys, keys that cannot be read.
 */
class EhrKeySetsTest {

    private static final String ISSUER = "https://ehr.example.org/fhir";
    private static final String NONCE = "n-0S6_WzA2Mj";
    /** Long cache and rate limit: nothing expires during a test unless the test says so. */
    private static final EhrKeySets.Limits STEADY = new EhrKeySets.Limits(Duration.ofMinutes(10),
            Duration.ofSeconds(30), Duration.ofHours(2));

    private final AtomicInteger fetches = new AtomicInteger();
    private final AtomicReference<String> published = new AtomicReference<>();
    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;
    private URI jwksUri;
    private OutboundHttp http;
    private static RSAKey first;
    private static RSAKey second;
    private static RSAKey stranger;
    private static RSAKey sameKid;

    @BeforeAll
    static void keys() throws JOSEException {
        first = new RSAKeyGenerator(2048).keyID("k1").generate();
        second = new RSAKeyGenerator(2048).keyID("k2").generate();
        stranger = new RSAKeyGenerator(2048).keyID("k9").generate();
        sameKid = new RSAKeyGenerator(2048).keyID("k1").generate(); // the EHR's kid, another key
    }

    @BeforeEach
    void ehr() throws IOException {
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
        http = new OutboundHttp(new OutboundAddressPolicy(true, false), InetAddress::getAllByName);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theKeysAreReadOnceForManyTokens() throws JOSEException {
        IdTokenVerifier verifier = verifier(STEADY);
        for (int i = 0; i < 5; i++) {
            assertThat(check(verifier, signed(first, true))).isEqualTo("Practitioner/p1");
        }
        assertThat(fetches).hasValue(1);
    }

    @Test
    void keptKeysAreReadAgainAfterTheCacheTime() throws Exception {
        IdTokenVerifier verifier = verifier(new EhrKeySets.Limits(Duration.ofMillis(300), Duration.ofMillis(10),
                Duration.ofHours(2)));
        check(verifier, signed(first, true));
        check(verifier, signed(first, true));
        assertThat(fetches).hasValue(1);
        Thread.sleep(450);
        check(verifier, signed(first, true));
        assertThat(fetches).hasValue(2);
        assertThat(EhrKeySets.Limits.DEFAULT.cache()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aTokenWithoutKidIsCheckedAgainstEveryPublishedKey() throws JOSEException {
        ECKey third = new ECKeyGenerator(Curve.P_256).keyID("k3").generate();
        publish(first, second, third);
        IdTokenVerifier verifier = verifier(STEADY);
        assertThat(check(verifier, signed(second, false))).isEqualTo("Practitioner/p1");
        assertThat(check(verifier, signed(first, false))).isEqualTo("Practitioner/p1");
        assertThat(check(verifier, signedEs256(third, false))).isEqualTo("Practitioner/p1");
        assertThat(check(verifier, signed(second, true))).as("with kid too").isEqualTo("Practitioner/p1");
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aRotatedKeyIsFoundByReadingTheKeysAgainOnce() throws JOSEException {
        IdTokenVerifier verifier = verifier(STEADY);
        check(verifier, signed(first, true));
        publish(first, second);

        assertThat(check(verifier, signed(second, true))).isEqualTo("Practitioner/p1");
        assertThat(fetches).hasValue(2);
        assertThat(check(verifier, signed(second, true))).isEqualTo("Practitioner/p1");
        assertThat(fetches).as("the new keys are kept").hasValue(2);
    }

    @Test
    void aRotatedKeyIsFoundForATokenWithoutKidToo() throws JOSEException {
        IdTokenVerifier verifier = verifier(STEADY);
        check(verifier, signed(first, false));
        publish(second);

        assertThat(check(verifier, signed(second, false))).isEqualTo("Practitioner/p1");
        assertThat(fetches).as("one read more").hasValue(2);
        assertThat(check(verifier, signed(second, false))).isEqualTo("Practitioner/p1");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unknownKeysDoNotMakeItReadTheKeysMoreThanTwiceInTheInterval() throws Exception {
        IdTokenVerifier verifier = verifier(STEADY);
        check(verifier, signed(first, true));
        List<SignedJWT> forged = List.of(signed(stranger, true), signed(sameKid, true), signed(stranger, false));
        for (int i = 0; i < 4; i++) {
            for (SignedJWT jwt : forged) {
                assertThat(failureOf(verifier, jwt)).isEqualTo(Failure.BAD_SIGNATURE);
            }
        }
        assertThat(fetches).as("the first read and one more in the 30 s").hasValue(2);
        assertThat(check(verifier, signed(first, true))).as("the EHR's own key still works").isNotBlank();
        assertThat(EhrKeySets.Limits.DEFAULT.rateLimit()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void onceTheIntervalPassedAnUnknownKeyMakesItReadTheKeysAgain() throws Exception {
        IdTokenVerifier verifier = verifier(new EhrKeySets.Limits(Duration.ofMinutes(10), Duration.ofMillis(300),
                Duration.ofHours(2)));
        check(verifier, signed(first, true));
        SignedJWT forged = signed(stranger, true);
        assertThat(failureOf(verifier, forged)).isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(fetches).hasValue(2);
        Thread.sleep(400);
        assertThat(failureOf(verifier, forged)).isEqualTo(Failure.BAD_SIGNATURE);
        assertThat(fetches).as("read again once, still not the EHR's key").hasValue(3);
    }

    @Test
    void anOutageOfTheKeyEndpointIsBridgedWithTheKeysLastRead() throws Exception {
        IdTokenVerifier verifier = verifier(new EhrKeySets.Limits(Duration.ofMillis(200), Duration.ofMillis(10),
                Duration.ofSeconds(60)));
        check(verifier, signed(first, true));
        status.set(503);
        Thread.sleep(300);
        assertThat(check(verifier, signed(first, true))).as("cache expired, endpoint down: the last keys")
                .isEqualTo("Practitioner/p1");
        assertThat(fetches.get()).isGreaterThanOrEqualTo(2);
        assertThat(EhrKeySets.Limits.DEFAULT.outage()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void withoutKeysReadOnceAnOutageRefusesTheSignIn() throws Exception {
        IdTokenVerifier verifier = verifier(new EhrKeySets.Limits(Duration.ofMillis(200), Duration.ofMillis(10),
                Duration.ofSeconds(60)));
        status.set(503);
        SmartSignInException refused = catchThrowableOfType(() -> check(verifier, signed(first, true)),
                SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.INVALID_JWKS);
        assertThat(refused.getMessage()).contains("HTTP 503");
    }

    @Test
    void keysThatCannotBeReadAreNotKept() throws Exception {
        IdTokenVerifier verifier = verifier(new EhrKeySets.Limits(Duration.ofMinutes(10), Duration.ofMillis(10),
                Duration.ofSeconds(60)));
        status.set(500);
        SmartSignInException refused = catchThrowableOfType(() -> check(verifier, signed(first, true)),
                SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.INVALID_JWKS);
        assertThat(refused.getMessage()).contains("HTTP 500");

        Thread.sleep(30);
        status.set(200);
        published.set("not a key set");
        refused = catchThrowableOfType(() -> check(verifier, signed(first, true)), SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.INVALID_JWKS);

        Thread.sleep(30);
        publish(first);
        assertThat(check(verifier, signed(first, true))).isNotBlank();
        assertThat(fetches).hasValue(3);
    }

    @Test
    void aRedirectingKeyEndpointIsNotFollowed() throws Exception {
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", jwksUri.toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        URI moved = URI.create(jwksUri.toString().replace("/jwks", "/moved"));
        IdTokenVerifier verifier = verifier(STEADY);
        SmartSignInException refused = catchThrowableOfType(() -> verifier.verify(signed(first, true).serialize(),
                moved, expected(), NONCE, Instant.now()), SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.INVALID_JWKS);
        assertThat(refused.getMessage()).contains("HTTP 302").contains("does not follow");
        assertThat(fetches).as("the Location was not read").hasValue(0);
    }

    @Test
    void aKeyEndpointAtARefusedAddressIsNeverAsked() throws Exception {
        OutboundHttp production = new OutboundHttp(OutboundAddressPolicy.PRODUCTION,
                host -> new InetAddress[]{InetAddress.getByName("10.1.2.3")});
        IdTokenVerifier verifier = new IdTokenVerifier(new EhrKeySets(production, STEADY));
        SmartSignInException refused = catchThrowableOfType(() -> verifier.verify(signed(first, true).serialize(),
                URI.create("https://keys.ehr.example.org/jwks"), expected(), NONCE, Instant.now()),
                SmartSignInException.class);
        assertThat(refused.failure()).isEqualTo(Failure.REFUSED_ADDRESS);
        assertThat(refused.getMessage()).contains("10.1.2.3");
    }

    private IdTokenVerifier verifier(EhrKeySets.Limits limits) {
        return new IdTokenVerifier(new EhrKeySets(http, limits));
    }

    private static IdTokenVerifier.Expected expected() {
        return new IdTokenVerifier.Expected(List.of(ISSUER), "openvisit", null);
    }

    private String check(IdTokenVerifier verifier, SignedJWT jwt) {
        return verifier.verify(jwt.serialize(), jwksUri, expected(), NONCE, Instant.now()).getSubject();
    }

    private Failure failureOf(IdTokenVerifier verifier, SignedJWT jwt) {
        return catchThrowableOfType(() -> check(verifier, jwt), SmartSignInException.class).failure();
    }

    private void publish(JWK... keys) {
        published.set(new JWKSet(java.util.Arrays.stream(keys).map(JWK::toPublicJWK).toList()).toString());
    }

    private static JWTClaimsSet claims() {
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("openvisit").subject("Practitioner/p1")
                .claim("nonce", NONCE).issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5)))).build();
    }

    private static SignedJWT signed(RSAKey key, boolean withKid) throws JOSEException {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
        if (withKid) {
            header.keyID(key.getKeyID());
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims());
        jwt.sign(new RSASSASigner(key));
        return jwt;
    }

    private static SignedJWT signedEs256(ECKey key, boolean withKid) throws JOSEException {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256);
        if (withKid) {
            header.keyID(key.getKeyID());
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims());
        jwt.sign(new ECDSASigner(key));
        return jwt;
    }
}
