package org.openvisit.it.sandbox;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Everything a real EHR refuses, refused by the sandbox too, over HTTP. */
@org.junit.jupiter.api.parallel.Isolated("it shortens the shared sandbox's authorization codes to 1 s, which another class's launch under load would outlive")
class SandboxRejectionsIT {

    private static String launchId() {
        return Sandbox.queryOf(Sandbox.beginVirtualVisit("Practitioner/prac-ada-okafor", "appt-1001")).get("launch");
    }

    private static Map<String, String> authorize(String... overrides) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("launch", launchId());
        parameters.put("code_challenge", Sandbox.challengeOf(Sandbox.newVerifier()));
        parameters.put("state", "s-1");
        for (int i = 0; i < overrides.length; i += 2) {
            parameters.put(overrides[i], overrides[i + 1]);
        }
        return parameters;
    }

    private static Map<String, String> errorRedirect(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        URI location = Sandbox.location(response);
        assertThat(location.toString()).startsWith(Sandbox.callback() + "?");
        return Sandbox.queryOf(location);
    }

    private static void assertTokenError(HttpResponse<String> response, int status, String error, String descriptionPart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonObject body = Http.json(response);
        assertThat(body.getString("error")).isEqualTo(error);
        assertThat(body.getString("error_description")).containsIgnoringCase(descriptionPart);
    }

    @Test
    void wrongAudIsSentBackAsInvalidRequest() {
        Map<String, String> error = errorRedirect(Http.get(Sandbox.authorizeUrl(authorize("aud", "https://other-ehr.test/fhir"))));

        assertThat(error).containsEntry("error", "invalid_request").containsEntry("state", "s-1").doesNotContainKey("code");
        assertThat(error.get("error_description")).contains("aud");
    }

    @Test
    void unknownClientIsRefusedWithoutRedirecting() {
        HttpResponse<String> response = Http.get(Sandbox.authorizeUrl(authorize("client_id", "not-registered")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("invalid_client");
    }

    @Test
    void unregisteredRedirectUriIsRefusedWithoutRedirecting() {
        HttpResponse<String> response = Http.get(Sandbox.authorizeUrl(authorize("redirect_uri", "https://attacker.test/callback")));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(response.body()).contains("not registered");
    }

    @Test
    void plainPkceIsRefused() {
        Map<String, String> error = errorRedirect(Http.get(Sandbox.authorizeUrl(
                authorize("code_challenge_method", "plain", "code_challenge", Sandbox.newVerifier()))));

        assertThat(error).containsEntry("error", "invalid_request");
        assertThat(error.get("error_description")).contains("S256");
    }

    @Test
    void missingPkceIsRefused() {
        Map<String, String> parameters = authorize();
        parameters.put("code_challenge", null);
        parameters.put("code_challenge_method", null);

        assertThat(errorRedirect(Http.get(Sandbox.authorizeUrl(parameters)))).containsEntry("error", "invalid_request");
    }

    @Test
    void missingStateIsRefused() {
        Map<String, String> parameters = authorize();
        parameters.put("state", null);

        assertThat(errorRedirect(Http.get(Sandbox.authorizeUrl(parameters)))).containsEntry("error", "invalid_request")
                .doesNotContainKey("code");
    }

    @Test
    void unknownLaunchIsRefused() {
        assertThat(errorRedirect(Http.get(Sandbox.authorizeUrl(authorize("launch", "made-up")))))
                .containsEntry("error", "invalid_request");
    }

    @Test
    void badVerifierIsRefused() {
        EhrLaunch launch = EhrLaunch.walk("Practitioner/prac-ada-okafor", "appt-1001");
        Map<String, String> exchange = new HashMap<>(launch.codeExchange());
        exchange.put("code_verifier", Sandbox.newVerifier());

        assertTokenError(Sandbox.token(exchange), 400, "invalid_grant", "code_verifier");
    }

    @Test
    void reusedCodeIsRefusedAndTheFirstTokenRevoked() {
        EhrLaunch launch = EhrLaunch.walk("Practitioner/prac-ada-okafor", "appt-1001");
        String firstToken = launch.accessToken();
        assertThat(Sandbox.fhirGet("Appointment/appt-1001", firstToken).statusCode()).isEqualTo(200);

        assertTokenError(Sandbox.token(launch.codeExchange()), 400, "invalid_grant", "already used");
        assertThat(Sandbox.fhirGet("Appointment/appt-1001", firstToken).statusCode()).isEqualTo(401);
    }

    @Test
    void expiredCodeIsRefused() throws InterruptedException {
        JsonObject before = Sandbox.adminJson("GET", "lifetimes", null);
        Sandbox.adminJson("PUT", "lifetimes", "{\"authorizationCodeSeconds\":1}");
        try {
            EhrLaunch launch = EhrLaunch.walk("Practitioner/prac-ada-okafor", "appt-1001");
            Thread.sleep(1_500);

            assertTokenError(Sandbox.token(launch.codeExchange()), 400, "invalid_grant", "expired");
        } finally {
            Sandbox.adminJson("PUT", "lifetimes", before.toString());
        }
    }

    @Test
    void codeOfAnotherRedirectUriIsRefused() {
        Map<String, String> exchange = new HashMap<>(EhrLaunch.walk("Practitioner/prac-ada-okafor", "appt-1001").codeExchange());
        exchange.put("redirect_uri", Sandbox.origin() + "/portal/ehr-sign-in/callback");

        assertTokenError(Sandbox.token(exchange), 400, "invalid_grant", "redirect_uri");
    }

    @Test
    void unknownClientAtTheTokenEndpointIsRefused() {
        Map<String, String> exchange = new HashMap<>(EhrLaunch.walk("Practitioner/prac-ada-okafor", "appt-1001").codeExchange());
        exchange.put("client_id", "not-registered");

        assertTokenError(Sandbox.token(exchange), 401, "invalid_client", "unknown");
    }

    @Test
    void unsupportedGrantTypeIsRefused() {
        assertTokenError(Sandbox.token(Map.of("grant_type", "password", "username", "a", "password", "b")),
                400, "unsupported_grant_type", "password");
    }

    @Test
    void fhirApiWithoutTokenIsUnauthorized() {
        HttpResponse<String> response = Sandbox.fhirGet("Patient/pat-leo-marsh", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    }

    @Test
    void fhirApiWithUnknownTokenIsUnauthorized() {
        HttpResponse<String> response = Sandbox.fhirGet("Patient/pat-leo-marsh", "not-a-token");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void fhirApiWithInsufficientScopeIsForbidden() {
        String verifier = Sandbox.newVerifier();
        HttpResponse<String> authorized = Http.get(Sandbox.authorizeUrl(Map.of("launch", launchId(),
                "scope", "launch openid fhirUser user/Appointment.rs", "code_challenge", Sandbox.challengeOf(verifier))));
        String code = Sandbox.queryOf(Sandbox.location(authorized)).get("code");
        String token = Http.json(Sandbox.token(Map.of("grant_type", "authorization_code", "code", code,
                "client_id", "openvisit", "redirect_uri", Sandbox.callback(), "code_verifier", verifier))).getString("access_token");

        assertThat(Sandbox.fhirGet("Appointment/appt-1001", token).statusCode()).isEqualTo(200);
        HttpResponse<String> patient = Sandbox.fhirGet("Patient/pat-leo-marsh", token);
        assertThat(patient.statusCode()).isEqualTo(403);
        assertThat(patient.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("insufficient_scope"));
        HttpResponse<String> write = Http.send(java.net.http.HttpRequest.newBuilder(URI.create(Sandbox.fhirBase() + "/Appointment/appt-1001"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/fhir+json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(Sandbox.fhirGet("Appointment/appt-1001", token).body())));
        assertThat(write.statusCode()).as("read scopes do not allow update").isEqualTo(403);
    }
}
