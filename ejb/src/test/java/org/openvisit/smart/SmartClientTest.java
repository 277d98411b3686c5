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
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.smart.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMART client against a small EHR on this machine's loopback (development mode): discovery and its
 * cache, the code exchange with PKCE, the id_token checked against the EHR's JWKS, and what an IT person is
 * told when the EHR misbehaves.
 */
class SmartClientTest {

    private static final OutboundAddressPolicy DEVELOPMENT = new OutboundAddressPolicy(true, false);
    private static final String REDIRECT = "http://127.0.0.1:9/portal/ehr-sign-in/callback";

    private HttpServer server;
    private String base;
    private RSAKey key;
    private final AtomicInteger discoveries = new AtomicInteger();
    private final AtomicReference<Map<String, String>> tokenForm = new AtomicReference<>();
    private final AtomicReference<String> tokenAnswer = new AtomicReference<>();
    private final AtomicInteger tokenStatus = new AtomicInteger(200);
    private SmartClient client;

    @BeforeEach
    void ehr() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
        server.createContext("/fhir/.well-known/smart-configuration", exchange -> {
            discoveries.incrementAndGet();
            answer(exchange, 200, "{\"issuer\":\"" + base + "\",\"authorization_endpoint\":\"" + origin()
                    + "/authorize\",\"token_endpoint\":\"" + origin() + "/token\",\"jwks_uri\":\"" + origin()
                    + "/jwks\",\"code_challenge_methods_supported\":[\"S256\"]}");
        });
        server.createContext("/token", exchange -> {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] nv = pair.split("=", 2);
                form.put(URLDecoder.decode(nv[0], StandardCharsets.UTF_8), URLDecoder.decode(nv[1], StandardCharsets.UTF_8));
            }
            tokenForm.set(form);
            answer(exchange, tokenStatus.get(), tokenAnswer.get());
        });
        server.createContext("/jwks", exchange -> answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/moved/.well-known/smart-configuration", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            answer(exchange, 302, "");
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        client = new SmartClient(DEVELOPMENT, "openvisit", Clock.systemUTC(), InetAddress::getAllByName);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private String idToken(String nonce) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(base).audience("openvisit").subject("Practitioner/p1")
                        .claim("fhirUser", "Practitioner/p1").claim("nonce", nonce)
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void discoversOnceAndSignsInWithPkce() throws JOSEException {
        SmartConfiguration configuration = client.discover(base);
        assertThat(client.discover(base)).isSameAs(configuration);
        assertThat(discoveries).hasValue(1);

        SmartAuthorization authorization = client.authorization(configuration, REDIRECT, SmartClient.SIGN_IN_SCOPE);
        tokenAnswer.set("{\"access_token\":\"secret-access\",\"token_type\":\"Bearer\",\"id_token\":\""
                + idToken(authorization.nonce()) + "\"}");
        assertThat(client.completeSignIn(authorization, "the-code")).isEqualTo("Practitioner/p1");
        assertThat(tokenForm.get()).containsEntry("grant_type", "authorization_code")
                .containsEntry("code", "the-code")
                .containsEntry("redirect_uri", REDIRECT)
                .containsEntry("client_id", "openvisit")
                .containsEntry("code_verifier", authorization.pkce().verifier());
    }

    @Test
    void aRefusedCodeIsATokenEndpointErrorThatSaysWhy() {
        SmartAuthorization authorization = client.authorization(client.discover(base), REDIRECT, SmartClient.SIGN_IN_SCOPE);
        tokenStatus.set(400);
        tokenAnswer.set("{\"error\":\"invalid_grant\",\"error_description\":\"code expired\"}");
        assertThatThrownBy(() -> client.completeSignIn(authorization, "old-code"))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.TOKEN_ENDPOINT_ERROR);
                    assertThat(e.getMessage()).contains("invalid_grant").contains("code expired").doesNotContain("old-code");
                });
    }

    @Test
    void aTokenAnswerWithoutIdTokenOrForAnotherSignInIsRefused() throws JOSEException {
        SmartAuthorization authorization = client.authorization(client.discover(base), REDIRECT, SmartClient.SIGN_IN_SCOPE);
        tokenAnswer.set("{\"access_token\":\"secret-access\",\"token_type\":\"Bearer\"}");
        assertThatThrownBy(() -> client.completeSignIn(authorization, "c"))
                .isInstanceOfSatisfying(SmartSignInException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.INVALID_ID_TOKEN));
        tokenAnswer.set("{\"id_token\":\"" + idToken("some other sign-in") + "\"}");
        assertThatThrownBy(() -> client.completeSignIn(authorization, "c"))
                .isInstanceOfSatisfying(SmartSignInException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.WRONG_NONCE));
    }

    @Test
    void aMissingConfigurationOrARedirectIsNoSmartServerAndIsNotCached() {
        assertThatThrownBy(() -> client.discover(origin() + "/nothing"))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.NOT_A_SMART_SERVER);
                    assertThat(e.getMessage()).contains("HTTP 404");
                });
        assertThatThrownBy(() -> client.discover(origin() + "/moved"))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.NOT_A_SMART_SERVER);
                    assertThat(e.getMessage()).contains("redirect");
                });
    }

    @Test
    void aClosedPortIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        assertThatThrownBy(() -> client.discover("http://127.0.0.1:" + port + "/fhir"))
                .isInstanceOfSatisfying(SmartSignInException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE));
    }

    @Test
    void anEhrThatDoesNotAnswerTimesOut() throws IOException {
        server.createContext("/slow/.well-known/smart-configuration", exchange -> {
            try {
                Thread.sleep(OutboundHttp.REQUEST_TIMEOUT.toMillis() + 2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        assertThatThrownBy(() -> client.discover(origin() + "/slow"))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.TIMEOUT);
                    assertThat(e.getMessage()).contains("within 10 seconds");
                });
    }

    @Test
    void inProductionModeLoopbackIsNeverAsked() {
        SmartClient production = new SmartClient(OutboundAddressPolicy.PRODUCTION, "openvisit", Clock.systemUTC(),
                InetAddress::getAllByName);
        assertThatThrownBy(() -> production.discover(base))
                .isInstanceOfSatisfying(SmartSignInException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED_ADDRESS));
        assertThat(discoveries).hasValue(0);
    }
}
