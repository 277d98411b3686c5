package org.openvisit.it.sandbox;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMART Backend Services: OpenVisit's write-back client gets a system token with a private_key_jwt
 * assertion and writes Communication and AuditEvent, with the FHIR API's conditional and versioned writes.
 */
@org.junit.jupiter.api.parallel.Isolated("it swaps the keys of the shared sandbox's openvisit-backend client, which the shared server's write-back and SMS feed use")
class SandboxBackendServicesIT {

    private static final String CLIENT = "openvisit-backend";
    private static final KeyPair KEY = Jwts.newRsaKey();

    @AfterEach
    void forgetInlineKeys() {
        Sandbox.adminJson("PUT", "apps/" + CLIENT, "{\"jwks\":null,\"jwksUrl\":\"{origin}/.well-known/jwks.json\"}");
    }

    private static void registerInlineKey() {
        Sandbox.adminJson("PUT", "apps/" + CLIENT, Json.createObjectBuilder()
                .add("jwks", Json.createReader(new java.io.StringReader(Jwts.jwksOf(KEY, "k1"))).readObject()).build().toString());
    }

    private static HttpResponse<String> requestToken(String assertion, String scope) {
        return Sandbox.token(Map.of("grant_type", "client_credentials", "scope", scope,
                "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                "client_assertion", assertion));
    }

    private static String tokenUrl() {
        return Sandbox.origin() + "/ehr-sandbox/oauth/token";
    }

    private static String systemToken(String scope) {
        HttpResponse<String> response = requestToken(Jwts.clientAssertion(KEY, "k1", CLIENT, tokenUrl(), 240), scope);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Http.json(response).getString("access_token");
    }

    private static HttpResponse<String> fhirWrite(String method, String path, String token, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Sandbox.fhirUri(path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return Http.send(request);
    }

    @Test
    void aSignedAssertionGetsASystemTokenWithoutUserOrRefresh() {
        registerInlineKey();

        HttpResponse<String> response = requestToken(Jwts.clientAssertion(KEY, "k1", CLIENT, tokenUrl(), 240),
                "system/Communication.cs system/AuditEvent.c system/Appointment.rs");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonObject token = Http.json(response);
        assertThat(token.getString("token_type")).isEqualTo("Bearer");
        assertThat(token.getString("scope").split(" "))
                .containsExactlyInAnyOrder("system/Communication.cs", "system/AuditEvent.c", "system/Appointment.rs");
        assertThat(token.containsKey("refresh_token")).isFalse();
        assertThat(token.containsKey("id_token")).isFalse();
        assertThat(token.containsKey("patient")).isFalse();
    }

    @Test
    void anEs384AssertionIsAcceptedToo() {
        KeyPair ec = Jwts.newEcP384Key();
        Sandbox.adminJson("PUT", "apps/" + CLIENT, Json.createObjectBuilder()
                .add("jwks", Json.createReader(new java.io.StringReader(Jwts.ecJwksOf(ec, "ec-1"))).readObject()).build().toString());

        HttpResponse<String> response = requestToken(Jwts.es384ClientAssertion(ec, "ec-1", CLIENT, tokenUrl(), 240), "system/*.rs");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void aSearchWithABadDateIsABadRequest() {
        registerInlineKey();
        String token = systemToken("system/Appointment.rs");

        assertThat(Sandbox.fhirGet("Appointment?date=tomorrow", token).statusCode()).isEqualTo(400);
        assertThat(Http.json(Sandbox.fhirGet("Appointment?date=ge2000-01-01&practitioner=prac-chen-wu", token))
                .getJsonArray("entry")).hasSize(2);
    }

    @Test
    void theKeyIsFetchedFromTheRegisteredJwksUrl() throws IOException {
        HttpServer jwksHost = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] jwks = Jwts.jwksOf(KEY, "k1").getBytes(StandardCharsets.UTF_8);
        jwksHost.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        jwksHost.start();
        try {
            Sandbox.adminJson("PUT", "apps/" + CLIENT, "{\"jwks\":null,\"jwksUrl\":\"http://127.0.0.1:"
                    + jwksHost.getAddress().getPort() + "/.well-known/jwks.json\"}");

            assertThat(requestToken(Jwts.clientAssertion(KEY, "k1", CLIENT, tokenUrl(), 240), "system/*.rs").statusCode())
                    .isEqualTo(200);
        } finally {
            jwksHost.stop(0);
        }
    }

    @Test
    void badClientAssertionsAreRefused() {
        registerInlineKey();
        KeyPair stranger = Jwts.newRsaKey();

        assertInvalidClient(requestToken(Jwts.clientAssertion(stranger, "k1", CLIENT, tokenUrl(), 240), "system/*.rs"), "signature");
        assertInvalidClient(requestToken(Jwts.clientAssertion(KEY, "k1", CLIENT, Sandbox.fhirBase(), 240), "system/*.rs"), "aud");
        assertInvalidClient(requestToken(Jwts.clientAssertion(KEY, "k1", CLIENT, tokenUrl(), -120), "system/*.rs"), "expired");
        assertInvalidClient(requestToken(Jwts.clientAssertion(KEY, "k1", "unknown-client", tokenUrl(), 240), "system/*.rs"), "unknown");
        assertInvalidClient(requestToken("not.a.jwt", "system/*.rs"), "JWT");
        String once = Jwts.clientAssertion(KEY, "k1", CLIENT, tokenUrl(), 240);
        assertThat(requestToken(once, "system/*.rs").statusCode()).isEqualTo(200);
        assertInvalidClient(requestToken(once, "system/*.rs"), "jti");
    }

    @Test
    void aSystemTokenNeedsSystemScopes() {
        registerInlineKey();

        HttpResponse<String> response = requestToken(Jwts.clientAssertion(KEY, "k1", CLIENT, tokenUrl(), 240), "user/*.rs");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Http.json(response).getString("error")).isEqualTo("invalid_scope");
    }

    @Test
    void writesCommunicationAndAuditEventAndSearchesThem() {
        registerInlineKey();
        String token = systemToken("system/Communication.cs system/AuditEvent.cs");
        String marker = UUID.randomUUID().toString();

        HttpResponse<String> communication = fhirWrite("POST", "Communication", token, """
                {"resourceType":"Communication","status":"completed","identifier":[{"system":"urn:openvisit:event","value":"%s"}],
                 "subject":{"reference":"Patient/pat-leo-marsh"},"encounter":{"reference":"Encounter/enc-1001"},
                 "payload":[{"contentString":"Patient connected to the virtual visit"}]}""".formatted(marker), Map.of());
        HttpResponse<String> audit = fhirWrite("POST", "AuditEvent", token, """
                {"resourceType":"AuditEvent","type":{"system":"http://dicom.nema.org/resources/ontology/DCM","code":"110100"},
                 "recorded":"2026-11-23T09:01:00Z","source":{"observer":{"display":"OpenVisit"}},
                 "agent":[{"who":{"reference":"Practitioner/prac-ada-okafor"},"requestor":true}],
                 "entity":[{"what":{"reference":"Appointment/appt-1001"}}]}""", Map.of());

        assertThat(communication.statusCode()).as(communication.body()).isEqualTo(201);
        assertThat(communication.headers().firstValue("ETag")).contains("W/\"1\"");
        assertThat(communication.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/Communication/"));
        assertThat(audit.statusCode()).as(audit.body()).isEqualTo(201);
        JsonObject found = Http.json(Sandbox.fhirGet("Communication?identifier=urn:openvisit:event|" + marker, token));
        assertThat(found.getJsonArray("entry")).hasSize(1);
        JsonObject audits = Http.json(Sandbox.fhirGet("AuditEvent?entity=Appointment/appt-1001", token));
        assertThat(audits.getJsonArray("entry")).isNotEmpty();
        assertThat(Sandbox.fhirGet("Appointment/appt-1001", token).statusCode()).as("no Appointment scope").isEqualTo(403);
    }

    @Test
    void conditionalCreateDoesNotDuplicate() {
        registerInlineKey();
        String token = systemToken("system/Communication.cs");
        String marker = UUID.randomUUID().toString();
        String body = "{\"resourceType\":\"Communication\",\"status\":\"completed\",\"identifier\":[{\"system\":\"urn:openvisit:event\",\"value\":\""
                + marker + "\"}]}";
        Map<String, String> ifNoneExist = Map.of("If-None-Exist", "identifier=urn:openvisit:event|" + marker);

        HttpResponse<String> first = fhirWrite("POST", "Communication", token, body, ifNoneExist);
        HttpResponse<String> second = fhirWrite("POST", "Communication", token, body, ifNoneExist);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).as("an existing match answers 200").isEqualTo(200);
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(Http.json(Sandbox.fhirGet("Communication?identifier=" + marker, token)).getJsonArray("entry")).hasSize(1);
    }

    @Test
    void updatesAreVersionedAndIfMatchGuardsThem() {
        registerInlineKey();
        String token = systemToken("system/Encounter.cruds");
        HttpResponse<String> read = Sandbox.fhirGet("Encounter/enc-1003", token);
        String etag = read.headers().firstValue("ETag").orElseThrow();
        // whatever its status now (the shared server's write-back moves the sample encounters of earlier classes' visits)
        String arrived = Json.createObjectBuilder(Http.json(read)).add("status", "arrived").build().toString();

        HttpResponse<String> updated = fhirWrite("PUT", "Encounter/enc-1003", token, arrived, Map.of("If-Match", etag));
        HttpResponse<String> stale = fhirWrite("PUT", "Encounter/enc-1003", token, arrived, Map.of("If-Match", etag));

        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        int version = Integer.parseInt(etag.replaceAll("\\D", ""));
        assertThat(updated.headers().firstValue("ETag")).contains("W/\"" + (version + 1) + "\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(Sandbox.fhirGet("Encounter/enc-1003/_history/" + version, token).statusCode()).isEqualTo(200);
        assertThat(Http.json(Sandbox.fhirGet("Encounter/enc-1003", token)).getString("status")).isEqualTo("arrived");
    }

    @Test
    void conditionalUpdateCreatesThenUpdates() {
        registerInlineKey();
        String token = systemToken("system/Patient.cruds");
        String mrn = "T" + System.nanoTime();
        String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"urn:test:mrn\",\"value\":\"" + mrn + "\"}],\"active\":%s}";

        HttpResponse<String> created = fhirWrite("PUT", "Patient?identifier=urn:test:mrn|" + mrn, token, body.formatted("true"), Map.of());
        HttpResponse<String> updated = fhirWrite("PUT", "Patient?identifier=urn:test:mrn|" + mrn, token, body.formatted("false"), Map.of());

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(updated.headers().firstValue("ETag")).contains("W/\"2\"");
    }

    private static void assertInvalidClient(HttpResponse<String> response, String descriptionPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonObject body = Http.json(response);
        assertThat(body.getString("error")).isEqualTo("invalid_client");
        assertThat(body.getString("error_description")).containsIgnoringCase(descriptionPart);
    }
}
