package org.openvisit.ehr.graph;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.CodeExchange;
import org.openvisit.ehr.EhrKeySets;
import org.openvisit.ehr.IdTokenVerifier;
import org.openvisit.ehr.OAuthStart;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A clinician's Microsoft sign-in against a local stand-in for Entra (WireMock on 127.0.0.1). */
class EntraSignInTest {

    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String CLIENT = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    private static final String OID = "99999999-8888-7777-6666-555555555555";
    private static final String REDIRECT = "https://openvisit.example.org/teams/sign-in/callback";

    private WireMockServer stub;
    private EntraSignIn signIn;
    private RSAKey key;
    private String base;

    @BeforeEach
    void start() throws Exception {
        stub = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        stub.start();
        base = "http://127.0.0.1:" + stub.port();
        var http = new org.openvisit.ehr.OutboundHttp(new OutboundAddressPolicy(true, false), InetAddress::getAllByName);
        signIn = new EntraSignIn(new CodeExchange(http), new IdTokenVerifier(new EhrKeySets(http)), URI.create(base),
                Clock.systemUTC());
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        stub.stubFor(get(urlEqualTo("/" + TENANT + "/discovery/v2.0/keys")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(new JWKSet(key.toPublicJWK()).toString())));
    }

    @AfterEach
    void stop() {
        stub.stop();
    }

    private static GraphApp app(String tenant) {
        return new GraphApp(tenant, CLIENT, new GraphCredential.ClientSecret("s3cret"));
    }

    private String idToken(String tid, String nonce, String issuer) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(CLIENT).subject("s").claim("tid", tid)
                        .claim("oid", OID.toUpperCase()).claim("nonce", nonce).claim("name", "Ada Okafor")
                        .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private void tokenAnswers(String idToken) {
        stub.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("grant_type=authorization_code"))
                .withRequestBody(containing("code_verifier="))
                .withRequestBody(containing("client_secret=s3cret"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"at\","
                                + "\"id_token\":\"" + idToken + "\"}")));
    }

    @Test
    void signsInWithPkceAndKeepsOnlyTheTenantAndObjectId() throws Exception {
        OAuthStart start = signIn.start(app(TENANT), REDIRECT);
        assertThat(start.authorizeUri().toString()).startsWith(base + "/" + TENANT + "/oauth2/v2.0/authorize?")
                .contains("code_challenge_method=S256", "client_id=" + CLIENT, "scope=openid%20profile",
                        "response_type=code", "nonce=" + start.nonce(), "state=" + start.state());
        tokenAnswers(idToken(TENANT, start.nonce(), base + "/" + TENANT + "/v2.0"));

        EntraIdentity who = signIn.finish(app(TENANT), REDIRECT, "code-1", start);

        assertThat(who).isEqualTo(new EntraIdentity(TENANT, OID));
        assertThat(who.toString()).doesNotContain("Ada");
        stub.verify(postRequestedFor(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token"))
                .withRequestBody(containing("code_verifier=" + start.codeVerifier())));
    }

    @Test
    void aTokenOfAnotherSignInTenantOrIssuerIsRefused() throws Exception {
        OAuthStart start = signIn.start(app(TENANT), REDIRECT);
        tokenAnswers(idToken(TENANT, "another-nonce", base + "/" + TENANT + "/v2.0"));
        assertThatThrownBy(() -> signIn.finish(app(TENANT), REDIRECT, "c", start)).isInstanceOf(GraphFailure.class)
                .hasMessageContaining("nonce");

        tokenAnswers(idToken("22222222-2222-3333-4444-555555555555", start.nonce(), base
                + "/22222222-2222-3333-4444-555555555555/v2.0"));
        assertThatThrownBy(() -> signIn.finish(app(TENANT), REDIRECT, "c", start)).isInstanceOf(GraphFailure.class)
                .hasMessageContaining("another directory");

        tokenAnswers(idToken(TENANT, start.nonce(), "https://elsewhere.example/" + TENANT + "/v2.0"));
        assertThatThrownBy(() -> signIn.finish(app(TENANT), REDIRECT, "c", start)).isInstanceOf(GraphFailure.class)
                .hasMessageContaining("issued by");
    }

    @Test
    void entrasRefusalOfTheCodeSaysSo() {
        OAuthStart start = signIn.start(app(TENANT), REDIRECT);
        stub.stubFor(post(urlEqualTo("/" + TENANT + "/oauth2/v2.0/token")).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_grant\","
                        + "\"error_description\":\"AADSTS70008: The provided authorization code has expired.\","
                        + "\"error_codes\":[70008]}")));
        assertThatThrownBy(() -> signIn.finish(app(TENANT), REDIRECT, "old", start))
                .isInstanceOf(GraphFailure.class).hasMessageContaining("AADSTS70008");
    }
}
