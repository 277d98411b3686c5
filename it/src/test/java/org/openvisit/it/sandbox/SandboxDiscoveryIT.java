package org.openvisit.it.sandbox;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a SMART client discovers first: the smart-configuration and the CapabilityStatement. */
class SandboxDiscoveryIT {

    private static List<String> strings(JsonObject json, String name) {
        return json.getJsonArray(name).getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }

    @Test
    void smartConfigurationNamesTheEndpointsAndCapabilities() {
        HttpResponse<String> response = Http.get(URI.create(Sandbox.fhirBase() + "/.well-known/smart-configuration"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonObject configuration = Http.json(response);
        assertThat(configuration.getString("issuer")).isEqualTo(Sandbox.fhirBase());
        assertThat(configuration.getString("authorization_endpoint")).isEqualTo(Sandbox.origin() + "/ehr-sandbox/oauth/authorize");
        assertThat(configuration.getString("token_endpoint")).isEqualTo(Sandbox.origin() + "/ehr-sandbox/oauth/token");
        assertThat(configuration.getString("jwks_uri")).isEqualTo(Sandbox.origin() + "/ehr-sandbox/oauth/jwks");
        assertThat(strings(configuration, "code_challenge_methods_supported")).containsExactly("S256");
        assertThat(strings(configuration, "grant_types_supported"))
                .contains("authorization_code", "refresh_token", "client_credentials");
        assertThat(strings(configuration, "token_endpoint_auth_methods_supported")).contains("private_key_jwt");
        assertThat(strings(configuration, "scopes_supported")).contains("openid", "fhirUser", "launch", "system/*.rs");
        assertThat(strings(configuration, "capabilities")).contains("launch-ehr", "launch-standalone",
                "context-ehr-patient", "context-ehr-encounter", "client-public", "client-confidential-asymmetric",
                "sso-openid-connect", "permission-v2");
    }

    @Test
    void metadataIsAnR4CapabilityStatementWithTheSandboxResourcesAndSmartSecurity() {
        HttpResponse<String> response = Http.get(URI.create(Sandbox.fhirBase() + "/metadata"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonObject statement = Http.json(response);
        assertThat(statement.getString("resourceType")).isEqualTo("CapabilityStatement");
        assertThat(statement.getString("fhirVersion")).isEqualTo("4.0.1");
        assertThat(strings(statement, "format")).contains("application/fhir+json", "application/fhir+xml")
                .noneMatch(format -> format.contains("turtle") || format.equals("ttl"));
        JsonObject rest = statement.getJsonArray("rest").getJsonObject(0);
        assertThat(rest.getJsonArray("resource").getValuesAs(JsonObject.class).stream().map(r -> r.getString("type")))
                .contains("Patient", "Practitioner", "PractitionerRole", "Organization", "Location", "Appointment",
                        "Encounter", "AuditEvent", "Communication");
        assertThat(rest.getJsonObject("security").toString()).contains("SMART-on-FHIR", "oauth-uris",
                Sandbox.origin() + "/ehr-sandbox/oauth/token");
    }

    @Test
    void jwksPublishesAnRsaSigningKey() {
        JsonObject jwks = Http.json(Http.get(Sandbox.at("oauth/jwks")));

        JsonObject key = jwks.getJsonArray("keys").getJsonObject(0);
        assertThat(key.getString("kty")).isEqualTo("RSA");
        assertThat(key.getString("kid")).isNotBlank();
        assertThat(key.containsKey("d")).as("no private part").isFalse();
    }

    @Test
    void screenAndAdminPagesAnswer() {
        HttpResponse<String> screen = Http.get(Sandbox.at("ehr?user=Practitioner/prac-ada-okafor"));
        assertThat(screen.statusCode()).isEqualTo(200);
        assertThat(screen.body()).contains("Begin virtual visit", "appt-1001");
        HttpResponse<String> admin = Http.get(Sandbox.at("admin"));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("openvisit-backend", "Fault switch");
    }
}
