package org.openvisit.identity.infrastructure.oidc;

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
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The portal's OIDC client against a small identity provider on loopback (development mode). */
class OidcClientTest {

    private HttpServer provider;
    private String issuer;
    private RSAKey key;
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile Map<String, String> lastTokenForm = Map.of();
    private volatile String lastAuthorization;
    private volatile boolean openIdConfiguration = true;
    private volatile String nonceToSend;
    private volatile int tokenStatus = 200;

    @BeforeEach
    void start() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/hospital";
        provider.createContext("/", this::handle);
        provider.start();
    }

    @AfterEach
    void stop() {
        provider.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        String endpoints = "\"authorization_endpoint\":\"" + issuer + "/auth\",\"token_endpoint\":\"" + issuer
                + "/token\",\"jwks_uri\":\"" + issuer + "/keys\"";
        switch (path) {
            case "/realms/hospital/.well-known/openid-configuration" -> {
                if (openIdConfiguration) {
                    answer(exchange, 200, "{\"issuer\":\"" + issuer + "\"," + endpoints + ",\"response_types_supported\":"
                            + "[\"code\"],\"subject_types_supported\":[\"public\"],"
                            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
                } else {
                    answer(exchange, 404, "{}");
                }
            }
            case "/realms/hospital/.well-known/smart-configuration" -> answer(exchange, 200,
                    "{\"issuer\":\"" + issuer + "\"," + endpoints + ",\"code_challenge_methods_supported\":[\"S256\"]}");
            case "/realms/hospital/keys" -> answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
            case "/realms/hospital/token" -> {
                lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                Map<String, String> form = new HashMap<>();
                for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                    String[] parts = pair.split("=", 2);
                    form.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
                }
                lastTokenForm = form;
                if (tokenStatus != 200) {
                    answer(exchange, tokenStatus, "{\"error\":\"invalid_grant\",\"error_description\":\"code " + form.get("code") + "\"}");
                    return;
                }
                answer(exchange, 200, "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"id_token\":\"" + idToken() + "\"}");
            }
            default -> answer(exchange, 404, "{}");
        }
    }

    private String idToken() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("idp-1").build(),
                    new JWTClaimsSet.Builder().issuer(issuer).audience("openvisit-portal").subject("f81d4fae")
                            .claim("preferred_username", "Ada.Okafor@hospital.org").claim("nonce", nonceToSend)
                            .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private OidcClient client(String secret) {
        Map<String, String> values = new HashMap<>(Map.of(PortalSignInSettings.MODE_KEY, "oidc",
                PortalSignInSettings.ISSUER_KEY, issuer, PortalSignInSettings.CLIENT_ID_KEY, "openvisit-portal"));
        if (secret != null) {
            values.put(PortalSignInSettings.CLIENT_SECRET_KEY, secret);
        }
        PortalSignInSettings settings = PortalSignInSettings.parse(k -> Optional.ofNullable(values.get(k)));
        return new OidcClient(settings, new OutboundAddressPolicy(true, false), Clock.systemUTC());
    }

    @Test
    void aPublicClientSignsInWithPkceAndTheDiscoveryIsCached() {
        OidcClient client = client(null);
        OidcAuthorization authorization = client.begin("http://127.0.0.1:1/portal/oidc/callback", "/endpoints.xhtml");
        client.begin("http://127.0.0.1:1/portal/oidc/callback", "/");
        assertThat(paths.stream().filter(p -> p.endsWith("openid-configuration")).count()).isEqualTo(1);
        assertThat(authorization.authorizeUri().toString()).startsWith(issuer + "/auth?").doesNotContain("aud=");
        nonceToSend = authorization.nonce();
        assertThat(client.complete(authorization, "the-code")).isEqualTo("Ada.Okafor@hospital.org");
        assertThat(lastTokenForm).containsEntry("grant_type", "authorization_code").containsEntry("code", "the-code")
                .containsEntry("client_id", "openvisit-portal")
                .containsEntry("code_verifier", authorization.start().codeVerifier())
                .containsEntry("redirect_uri", "http://127.0.0.1:1/portal/oidc/callback");
        assertThat(lastAuthorization).isNull();
    }

    @Test
    void aConfidentialClientSendsItsSecretWithHttpBasic() {
        OidcClient client = client("s3cret:with&odd chars");
        OidcAuthorization authorization = client.begin("https://ov.example/portal/oidc/callback", "/");
        nonceToSend = authorization.nonce();
        client.complete(authorization, "code-2");
        assertThat(lastAuthorization).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "openvisit-portal:s3cret%3Awith%26odd+chars".getBytes(StandardCharsets.UTF_8)));
        assertThat(lastTokenForm).doesNotContainKey("client_id").doesNotContainKey("client_secret")
                .containsKey("code_verifier");
    }

    @Test
    void aReplayedIdTokenOfAnotherSignInIsRefused() {
        OidcClient client = client(null);
        OidcAuthorization first = client.begin("https://ov.example/portal/oidc/callback", "/");
        OidcAuthorization second = client.begin("https://ov.example/portal/oidc/callback", "/");
        nonceToSend = first.nonce();
        assertThatThrownBy(() -> client.complete(second, "code-3")).isInstanceOf(OidcSignInException.class)
                .extracting(e -> ((OidcSignInException) e).code()).isEqualTo("wrong_nonce");
    }

    @Test
    void aRefusedCodeSaysSoWithoutRepeatingTheCode() {
        OidcClient client = client(null);
        OidcAuthorization authorization = client.begin("https://ov.example/portal/oidc/callback", "/");
        tokenStatus = 400;
        assertThatThrownBy(() -> client.complete(authorization, "secret-code-value"))
                .isInstanceOf(OidcSignInException.class).hasMessageContaining("HTTP 400, invalid_grant")
                .hasMessageNotContaining("secret-code-value");
        assertThatThrownBy(() -> client.complete(authorization, " ")).extracting(e -> ((OidcSignInException) e).code())
                .isEqualTo("no_code");
    }

    @Test
    void anIssuerWithoutOpenIdConfigurationIsReadThroughItsSmartConfiguration() {
        openIdConfiguration = false;
        OidcAuthorization authorization = client(null).begin("https://ov.example/portal/oidc/callback", "/");
        assertThat(authorization.provider().smart()).isTrue();
        assertThat(authorization.authorizeUri().toString()).contains("aud=" + java.net.URLEncoder.encode(issuer,
                StandardCharsets.UTF_8));
    }

    @Test
    void anIssuerThatIsNotLoopbackHttpIsRefusedInDevelopmentModeToo() {
        Map<String, String> values = Map.of(PortalSignInSettings.MODE_KEY, "oidc",
                PortalSignInSettings.ISSUER_KEY, "http://login.example.org/realms/hospital",
                PortalSignInSettings.CLIENT_ID_KEY, "openvisit-portal");
        OidcClient client = new OidcClient(PortalSignInSettings.parse(k -> Optional.ofNullable(values.get(k))),
                new OutboundAddressPolicy(true, false), Clock.systemUTC());
        assertThatThrownBy(() -> client.begin("https://ov.example/portal/oidc/callback", "/"))
                .isInstanceOf(OidcSignInException.class);
    }
}
