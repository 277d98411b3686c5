package org.openvisit.it.sandbox;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.Http;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A clinician presses "Begin virtual visit": the SMART EHR launch, walked end to end over HTTP. */
class SandboxEhrLaunchIT {

    @Test
    void beginVirtualVisitOpensTheAppsLaunchUrlWithIssAndLaunch() {
        URI launchUrl = Sandbox.beginVirtualVisit("Practitioner/prac-ada-okafor", "appt-1001");

        assertThat(launchUrl.toString()).startsWith(Sandbox.origin() + "/launch/e/demo?");
        assertThat(Sandbox.queryOf(launchUrl)).containsEntry("iss", Sandbox.fhirBase()).containsKey("launch");
    }

    @Test
    void authorizeCodeTokenWithPkceCarriesTheLaunchContextAndASignedIdToken() {
        EhrLaunch launch = EhrLaunch.walk("Practitioner/prac-ada-okafor", "appt-1001");

        HttpResponse<String> response = Sandbox.token(launch.codeExchange());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        JsonObject token = Http.json(response);
        assertThat(token.getString("token_type")).isEqualTo("Bearer");
        assertThat(token.getInt("expires_in")).isPositive();
        assertThat(token.getString("scope").split(" ")).contains("launch", "openid", "fhirUser", "user/*.rs");
        assertThat(token.getString("patient")).isEqualTo("pat-leo-marsh");
        assertThat(token.getString("encounter")).isEqualTo("enc-1001");
        assertThat(token.getJsonArray("fhirContext").getJsonObject(0).getString("reference")).isEqualTo("Appointment/appt-1001");
        assertThat(token.getBoolean("need_patient_banner")).isFalse();
        assertThat(token.getString("refresh_token")).isNotBlank();

        String idToken = token.getString("id_token");
        assertThat(Jwts.header(idToken).getString("alg")).isEqualTo("RS256");
        assertThat(Jwts.verifiesRs256(idToken, Http.json(Http.get(Sandbox.at("oauth/jwks"))))).isTrue();
        JsonObject claims = Jwts.claims(idToken);
        assertThat(claims.getString("iss")).isEqualTo(Sandbox.fhirBase());
        assertThat(claims.getString("aud")).isEqualTo("openvisit");
        assertThat(claims.getString("fhirUser")).isEqualTo("Practitioner/prac-ada-okafor");
        assertThat(claims.getString("sub")).isEqualTo("Practitioner/prac-ada-okafor");
        assertThat(claims.getString("nonce")).isEqualTo("nonce-" + launch.state());
        assertThat(claims.getJsonNumber("exp").longValue()).isGreaterThan(claims.getJsonNumber("iat").longValue());

        HttpResponse<String> appointment = Sandbox.fhirGet("Appointment/appt-1001", token.getString("access_token"));
        assertThat(appointment.statusCode()).isEqualTo(200);
        assertThat(Http.json(appointment).getString("id")).isEqualTo("appt-1001");
    }

    @Test
    void aPatientLaunchFromThePortalCarriesThePatientAsUser() {
        EhrLaunch launch = EhrLaunch.walk("Patient/pat-mia-fontaine", "appt-1002");

        JsonObject token = Http.json(Sandbox.token(launch.codeExchange()));

        assertThat(token.getString("patient")).isEqualTo("pat-mia-fontaine");
        assertThat(Jwts.claims(token.getString("id_token")).getString("fhirUser")).isEqualTo("Patient/pat-mia-fontaine");
        assertThat(token.getString("scope").split(" ")).as("a patient gets patient-level scopes")
                .contains("patient/*.rs").doesNotContain("user/*.rs");
        String accessToken = token.getString("access_token");
        assertThat(Sandbox.fhirGet("Appointment/appt-1002", accessToken).statusCode()).isEqualTo(200);
        assertThat(Sandbox.fhirGet("Appointment/appt-1001", accessToken).statusCode()).isEqualTo(403);
    }

    @Test
    void theRefreshTokenGivesANewAccessTokenWithTheSameContext() {
        JsonObject first = Http.json(Sandbox.token(EhrLaunch.walk("Practitioner/prac-ada-okafor", "appt-1002").codeExchange()));

        HttpResponse<String> refreshed = Sandbox.token(Map.of("grant_type", "refresh_token",
                "refresh_token", first.getString("refresh_token"), "client_id", "openvisit"));

        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        JsonObject second = Http.json(refreshed);
        assertThat(second.getString("access_token")).isNotEqualTo(first.getString("access_token"));
        assertThat(second.getString("patient")).isEqualTo("pat-mia-fontaine");
        assertThat(Sandbox.fhirGet("Patient/pat-mia-fontaine", second.getString("access_token")).statusCode()).isEqualTo(200);
    }

    @Test
    void standaloneLaunchSignsInAPractitionerWhoPicksAPatient() {
        String verifier = Sandbox.newVerifier();
        URI authorize = Sandbox.authorizeUrl(Map.of("scope", "launch/patient openid fhirUser patient/*.rs",
                "code_challenge", Sandbox.challengeOf(verifier), "state", "standalone-1"));

        HttpResponse<String> signInPage = Http.get(authorize);
        assertThat(signInPage.statusCode()).isEqualTo(200);
        assertThat(signInPage.body()).contains("Sign in", "Practitioner/prac-chen-wu", "Patient/pat-pablo-reyes");

        HttpResponse<String> signedIn = Http.post(Sandbox.at("oauth/authorize"), "application/x-www-form-urlencoded",
                authorize.getRawQuery() + "&user=" + Sandbox.encode("Practitioner/prac-chen-wu")
                        + "&patient=" + Sandbox.encode("Patient/pat-pablo-reyes"));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        Map<String, String> callback = Sandbox.queryOf(Sandbox.location(signedIn));
        assertThat(callback).containsEntry("state", "standalone-1");

        JsonObject token = Http.json(Sandbox.token(Map.of("grant_type", "authorization_code", "code", callback.get("code"),
                "client_id", "openvisit", "redirect_uri", Sandbox.callback(), "code_verifier", verifier)));
        assertThat(token.getString("patient")).isEqualTo("pat-pablo-reyes");
        assertThat(token.getBoolean("need_patient_banner")).isTrue();
        assertThat(token.containsKey("refresh_token")).isFalse();
        assertThat(Jwts.claims(token.getString("id_token")).getString("fhirUser")).isEqualTo("Practitioner/prac-chen-wu");
        String accessToken = token.getString("access_token");
        assertThat(Sandbox.fhirGet("Patient/pat-pablo-reyes", accessToken).statusCode()).isEqualTo(200);
        assertThat(Sandbox.fhirGet("Patient/pat-leo-marsh", accessToken).statusCode())
                .as("patient-level scopes reach only the chosen patient").isEqualTo(403);
    }

    @Test
    void patientLevelScopesKeepReadsAndSearchesInThePatientsCompartment() {
        String verifier = Sandbox.newVerifier();
        URI authorize = Sandbox.authorizeUrl(Map.of("scope", "openid fhirUser patient/*.rs",
                "code_challenge", Sandbox.challengeOf(verifier)));
        HttpResponse<String> signedIn = Http.post(Sandbox.at("oauth/authorize"), "application/x-www-form-urlencoded",
                authorize.getRawQuery() + "&user=" + Sandbox.encode("Patient/pat-pablo-reyes"));
        String code = Sandbox.queryOf(Sandbox.location(signedIn)).get("code");
        JsonObject token = Http.json(Sandbox.token(Map.of("grant_type", "authorization_code", "code", code,
                "client_id", "openvisit", "redirect_uri", Sandbox.callback(), "code_verifier", verifier)));
        String accessToken = token.getString("access_token");

        assertThat(token.getString("patient")).as("a signed-in patient is their own context").isEqualTo("pat-pablo-reyes");
        assertThat(Sandbox.fhirGet("Appointment/appt-1005", accessToken).statusCode()).isEqualTo(200);
        assertThat(Sandbox.fhirGet("Appointment/appt-1001", accessToken).statusCode()).isEqualTo(403);
        assertThat(Sandbox.fhirGet("Appointment?patient=pat-pablo-reyes", accessToken).statusCode()).isEqualTo(200);
        assertThat(Sandbox.fhirGet("Appointment?patient=pat-leo-marsh", accessToken).statusCode()).isEqualTo(403);
        assertThat(Sandbox.fhirGet("Appointment?date=ge2000-01-01", accessToken).statusCode()).isEqualTo(403);
        assertThat(Sandbox.fhirGet("Practitioner/prac-chen-wu", accessToken).statusCode())
                .as("directory resources stay readable").isEqualTo(200);
    }

    @Test
    void theApproversEhrSignInFromThePortalProvesWhoTheyAre() {
        String verifier = Sandbox.newVerifier();
        String portalCallback = Sandbox.origin() + "/portal/ehr-sign-in/callback";
        URI authorize = Sandbox.authorizeUrl(Map.of("scope", "openid fhirUser", "code_challenge", Sandbox.challengeOf(verifier),
                "redirect_uri", portalCallback, "state", "approver-1", "nonce", "n-approver"));
        assertThat(Http.get(authorize).statusCode()).isEqualTo(200);

        HttpResponse<String> signedIn = Http.post(Sandbox.at("oauth/authorize"), "application/x-www-form-urlencoded",
                authorize.getRawQuery() + "&user=" + Sandbox.encode("Practitioner/prac-diego-alvarez"));
        URI callback = Sandbox.location(signedIn);
        assertThat(callback.toString()).startsWith(portalCallback + "?");
        JsonObject token = Http.json(Sandbox.token(Map.of("grant_type", "authorization_code",
                "code", Sandbox.queryOf(callback).get("code"), "client_id", "openvisit",
                "redirect_uri", portalCallback, "code_verifier", verifier)));

        JsonObject claims = Jwts.claims(token.getString("id_token"));
        assertThat(claims.getString("fhirUser")).isEqualTo("Practitioner/prac-diego-alvarez");
        assertThat(claims.getString("iss")).isEqualTo(Sandbox.fhirBase());
        assertThat(claims.getString("nonce")).isEqualTo("n-approver");
        assertThat(token.containsKey("patient")).isFalse();
    }
}
