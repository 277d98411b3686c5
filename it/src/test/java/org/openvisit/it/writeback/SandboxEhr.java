package org.openvisit.it.writeback;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.it.writeback.WriteBackHttp.enc;
import static org.openvisit.it.writeback.WriteBackHttp.json;

/** The EHR sandbox as the write-back tests see it: its fault switch, and its records read as a backend client of the test's own. */
final class SandboxEhr {

    static final String EVENT_SYSTEM = "urn:openvisit:visit-event";

    private final WriteBackHttp http;
    private final WriteBackServers servers;
    private String readerToken;

    SandboxEhr(WriteBackHttp http, WriteBackServers servers) {
        this.http = http;
        this.servers = servers;
    }

    void fault(String json) throws Exception {
        HttpResponse<String> r = http.send("PUT", servers.sandbox("admin/api/faults"), "application/json", json, null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    void clearFault() throws Exception {
        http.send("DELETE", servers.sandbox("admin/api/faults"), null, null, null);
    }

    /** How the sandbox answers a stale If-Match: 412 or 409. */
    void versionConflictStatus(int status) throws Exception {
        HttpResponse<String> r = http.send("PUT", servers.sandbox("admin/api/fhir-behaviour"), "application/json",
                "{\"versionConflictStatus\":" + status + "}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    /** A create with the given If-None-Exist header, as the test's own backend client. */
    HttpResponse<String> create(String type, String json, String ifNoneExist) throws Exception {
        return http.send("POST", servers.sandbox("fhir/" + type), "application/fhir+json", json, readerToken(),
                Map.of("If-None-Exist", ifNoneExist));
    }

    JsonObject fhir(String path) throws Exception {
        HttpResponse<String> r = http.send("GET", servers.sandbox("fhir/" + path), null, null, readerToken());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return json(r.body());
    }

    /** Every OpenVisit event Communication at the EHR: event id -> when each copy was written. */
    Map<String, List<Instant>> eventCommunications() throws Exception {
        JsonObject bundle = fhir("Communication?category=" + enc("urn:openvisit:writeback|virtual-visit-event"));
        JsonArray entries = bundle.containsKey("entry") ? bundle.getJsonArray("entry") : JsonValue.EMPTY_JSON_ARRAY;
        Map<String, List<Instant>> written = new HashMap<>();
        for (JsonValue e : entries) {
            JsonObject c = e.asJsonObject().getJsonObject("resource");
            for (JsonValue id : c.getJsonArray("identifier")) {
                if (EVENT_SYSTEM.equals(id.asJsonObject().getString("system"))) {
                    written.computeIfAbsent(id.asJsonObject().getString("value"), k -> new ArrayList<>())
                            .add(Instant.parse(c.getJsonObject("meta").getString("lastUpdated")));
                }
            }
        }
        return written;
    }

    /** A backend client of the test itself (inline JWKS) that may read everything and create Communications. */
    private String readerToken() throws Exception {
        if (readerToken != null) {
            return readerToken;
        }
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("wb-it-reader").generate();
        String jwks = "{\"keys\":[" + key.toPublicJWK().toJSONString() + "]}";
        HttpResponse<String> reg = http.send("PUT", servers.sandbox("admin/api/apps/wb-it-reader"), "application/json",
                "{\"name\":\"write-back test reader\",\"kind\":\"CONFIDENTIAL_ASYMMETRIC\",\"jwks\":" + jwks + "}", null);
        assertThat(reg.statusCode()).as(reg.body()).isEqualTo(200);
        String tokenUrl = servers.sandbox("oauth/token").toString();
        SignedJWT assertion = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).keyID("wb-it-reader").build(),
                new JWTClaimsSet.Builder().issuer("wb-it-reader").subject("wb-it-reader").audience(tokenUrl)
                        .jwtID(UUID.randomUUID().toString()).expirationTime(Date.from(Instant.now().plusSeconds(120)))
                        .build());
        assertion.sign(new ECDSASigner(key));
        String form = "grant_type=client_credentials&scope=" + enc("system/*.rs system/Communication.c")
                + "&client_assertion_type=" + enc("urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                + "&client_assertion=" + enc(assertion.serialize());
        HttpResponse<String> token = http.send("POST", URI.create(tokenUrl), "application/x-www-form-urlencoded", form, null);
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        readerToken = json(token.body()).getString("access_token");
        return readerToken;
    }
}
