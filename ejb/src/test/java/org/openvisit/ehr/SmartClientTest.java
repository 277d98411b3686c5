package org.openvisit.ehr;

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
import org.openvisit.ehr.SmartSignInException.Failure;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
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
        return idToken(nonce, "Practitioner/p1");
    }

    private String idToken(String nonce, String fhirUser) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(base).audience("openvisit").subject("Practitioner/p1")
                        .claim("fhirUser", fhirUser).claim("nonce", nonce)
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofMinutes(5))))
                        .build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aSubThatLooksLikeAFhirReferenceIsNoFhirUser() throws JOSEException {
        SmartAuthorization authorization = client.authorization(client.discover(base), REDIRECT, SmartClient.SIGN_IN_SCOPE);
        tokenAnswer.set("{\"access_token\":\"secret-access\",\"token_type\":\"Bearer\",\"id_token\":\""
                + idToken(authorization.nonce(), null) + "\"}");
        assertThat(client.completeSignIn(authorization, "the-code")).isNull();
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
                .containsEntry("code_verifier", authorization.start().codeVerifier());
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
        tokenAnswer.set("{\"access_token\":\"a\",\"token_type\":\"Bearer\",\"id_token\":\""
                + idToken("some other sign-in") + "\"}");
        assertThatThrownBy(() -> client.completeSignIn(authorization, "c"))
                .isInstanceOfSatisfying(SmartSignInException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.WRONG_NONCE));
        // RFC 6749 5.1: a token response has an access_token; without one it is no token response
        tokenAnswer.set("{\"id_token\":\"" + idToken(authorization.nonce()) + "\"}");
        assertThatThrownBy(() -> client.completeSignIn(authorization, "c"))
                .isInstanceOfSatisfying(SmartSignInException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.TOKEN_ENDPOINT_ERROR));
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

    @Test
    void theNimbusCodeExchangeDoesNotFollowARedirect() {
        server.createContext("/token-moved", exchange -> {
            exchange.getResponseHeaders().add("Location", origin() + "/token");
            answer(exchange, 307, "");
        });
        SmartConfiguration discovered = client.discover(base);
        SmartConfiguration moved = new SmartConfiguration(discovered.fhirBase(), discovered.issuer(),
                discovered.authorizationEndpoint(), URI.create(origin() + "/token-moved"), discovered.jwksUri(),
                discovered.codeChallengeMethods(), discovered.capabilities());
        SmartAuthorization authorization = client.authorization(moved, REDIRECT, SmartClient.SIGN_IN_SCOPE);
        assertThatThrownBy(() -> client.completeSignIn(authorization, "the-code"))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.TOKEN_ENDPOINT_ERROR);
                    assertThat(e.getMessage()).contains("HTTP 307");
                });
        assertThat(tokenForm.get()).as("the code never went to the redirect's target").isNull();
    }

    @Test
    void theNimbusRequestsToAPrivateAddressAreRefusedBeforeConnecting() throws Exception {
        SmartClient production = new SmartClient(OutboundAddressPolicy.PRODUCTION, "openvisit", Clock.systemUTC(),
                host -> new InetAddress[]{InetAddress.getByName("10.0.0.7")});
        SmartConfiguration internal = new SmartConfiguration("https://ehr.example.org/fhir", null,
                URI.create("https://ehr.example.org/authorize"), URI.create("https://ehr.example.org/token"),
                URI.create("https://ehr.example.org/jwks"), List.of("S256"), List.of());
        SmartAuthorization authorization = production.authorization(internal, REDIRECT, SmartClient.SIGN_IN_SCOPE);
        assertThatThrownBy(() -> production.completeSignIn(authorization, "the-code"))
                .isInstanceOfSatisfying(SmartSignInException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.REFUSED_ADDRESS);
                    assertThat(e.getMessage()).contains("10.0.0.7");
                });
        var clientCredentials = new com.nimbusds.oauth2.sdk.TokenRequest.Builder(internal.tokenEndpoint(),
                new com.nimbusds.oauth2.sdk.auth.ClientSecretBasic(new com.nimbusds.oauth2.sdk.id.ClientID("c"),
                        new com.nimbusds.oauth2.sdk.auth.Secret("s")),
                new com.nimbusds.oauth2.sdk.ClientCredentialsGrant()).build();
        assertThatThrownBy(() -> production.tokens().token(clientCredentials))
                .isInstanceOfSatisfying(SmartSignInException.class,
                        e -> assertThat(e.failure()).isEqualTo(Failure.REFUSED_ADDRESS));
    }
}
