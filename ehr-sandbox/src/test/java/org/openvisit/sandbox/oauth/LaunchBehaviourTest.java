package org.openvisit.sandbox.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.sandbox.apps.AppRegistration;
import org.openvisit.sandbox.apps.AppRegistry;
import org.openvisit.sandbox.apps.LaunchBehaviour;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.sandbox.oauth.AuthorizationServer.ENDPOINT;
import static org.openvisit.sandbox.oauth.AuthorizationServer.FHIR_BASE;
import static org.openvisit.sandbox.oauth.AuthorizationServer.ORIGIN;
import static org.openvisit.sandbox.oauth.AuthorizationServer.codeExchange;

/** Each launch behaviour shapes the token response and id_token as a real EHR of that kind does. */
class LaunchBehaviourTest {

    private static final String VERIFIER = "a-verifier-that-is-long-enough-for-pkce-0123456789";
    private final AuthorizationServer server = new AuthorizationServer();

    private JsonObject launch(String user, LaunchBehaviour... behaviours) {
        String url = server.ehrLaunchUrl(user, "appt-1001", behaviours.length == 0 ? Set.of() : EnumSet.of(behaviours[0], behaviours));
        String launch = url.substring(url.indexOf("launch=") + "launch=".length());
        return server.tokenService.exchange(codeExchange(server.code(launch, VERIFIER), VERIFIER), ENDPOINT);
    }

    private static JWTClaimsSet claims(JsonObject response) throws Exception {
        return SignedJWT.parse(response.getString("id_token")).getJWTClaimsSet();
    }

    @Test
    void fhirUserAbsoluteOnThisServerOrAnother() throws Exception {
        assertThat(claims(launch("Practitioner/prac-ada-okafor", LaunchBehaviour.ABSOLUTE_FHIR_USER))
                .getStringClaim("fhirUser")).isEqualTo(FHIR_BASE + "/Practitioner/prac-ada-okafor");
        assertThat(claims(launch("Practitioner/prac-ada-okafor", LaunchBehaviour.FOREIGN_FHIR_USER))
                .getStringClaim("fhirUser")).isEqualTo(IdTokens.FOREIGN_SERVER + "/Practitioner/prac-ada-okafor");
    }

    @Test
    void aPortalWithoutFhirUserAndAProxy() throws Exception {
        JWTClaimsSet none = claims(launch("Patient/pat-leo-marsh", LaunchBehaviour.NO_FHIR_USER));
        assertThat(none.getClaim("fhirUser")).isNull();
        assertThat(none.getSubject()).doesNotContain("pat-leo-marsh", "Patient/");
        assertThat(claims(launch("Patient/pat-leo-marsh", LaunchBehaviour.RELATED_PERSON)).getStringClaim("fhirUser"))
                .isEqualTo("RelatedPerson/proxy-of-pat-leo-marsh");
    }

    @Test
    void encounterOnlyAndNoContext() {
        JsonObject encounterOnly = launch("Practitioner/prac-ada-okafor", LaunchBehaviour.ENCOUNTER_ONLY);
        assertThat(encounterOnly.getString("encounter")).isEqualTo("enc-1001");
        assertThat(encounterOnly.containsKey("fhirContext")).isFalse();
        JsonObject none = launch("Practitioner/prac-ada-okafor", LaunchBehaviour.NO_CONTEXT);
        assertThat(none.containsKey("encounter")).isFalse();
        assertThat(none.containsKey("fhirContext")).isFalse();
        assertThat(none.getString("patient")).isEqualTo("pat-leo-marsh");
    }

    @Test
    void fhirContextInEachForm() {
        assertThat(launch("Practitioner/prac-ada-okafor", LaunchBehaviour.FHIR_CONTEXT_TYPED).getJsonArray("fhirContext")
                .getJsonObject(0).toString()).isEqualTo("{\"type\":\"Appointment\",\"reference\":\"Appointment/appt-1001\"}");
        assertThat(launch("Practitioner/prac-ada-okafor", LaunchBehaviour.FHIR_CONTEXT_CANONICAL).getJsonArray("fhirContext")
                .getJsonObject(0).getString("canonical")).isEqualTo(FHIR_BASE + "/Appointment/appt-1001");
        assertThat(launch("Practitioner/prac-ada-okafor", LaunchBehaviour.FHIR_CONTEXT_ABSOLUTE).getJsonArray("fhirContext")
                .getJsonObject(0).getString("reference")).isEqualTo(FHIR_BASE + "/Appointment/appt-1001");
    }

    @Test
    void theAppsOwnBehavioursAndPatientLaunchUrlApplyToEveryLaunch() {
        AppRegistration app = server.apps.find(AppRegistry.OPENVISIT).orElseThrow();
        server.apps.save(new AppRegistration(app.clientId(), app.name(), app.kind(), app.redirectUris(), app.launchUrl(),
                app.contextLinkUrl(), app.launchStyle(), app.jwksUrl(), app.jwks(), app.contextKeyId(), app.contextKey(),
                "{origin}/launch/e/k1/patient", Set.of(LaunchBehaviour.ENCOUNTER_ONLY)));
        assertThat(server.ehrLaunchUrl("Patient/pat-leo-marsh", "appt-1001", Set.of()))
                .startsWith(ORIGIN + "/launch/e/k1/patient?iss=");
        assertThat(launch("Practitioner/prac-ada-okafor").containsKey("fhirContext")).isFalse();
    }

    @Test
    void theV1FaceIsTheIssAndRefusesV2Scopes() {
        String url = server.ehrLaunchUrl("Practitioner/prac-ada-okafor", "appt-1001", Set.of(LaunchBehaviour.V1_ONLY_SCOPES));
        String v1Base = ORIGIN + "/ehr-sandbox/v1/fhir";
        assertThat(url).contains("iss=" + java.net.URLEncoder.encode(v1Base, java.nio.charset.StandardCharsets.UTF_8));
        String launch = url.substring(url.indexOf("launch=") + "launch=".length());
        AuthorizationRequest v2 = new AuthorizationRequest("code", AppRegistry.OPENVISIT, AuthorizationServer.CALLBACK,
                "launch openid fhirUser user/Appointment.r", "s", v1Base, launch, Pkce.challengeOf(VERIFIER), "S256", "n");
        assertThatThrownBy(() -> server.authorization.check(v2, v1Base, ORIGIN))
                .isInstanceOfSatisfying(AuthorizationError.class, e -> assertThat(e.error()).isEqualTo("invalid_scope"));
        AuthorizationRequest v1 = new AuthorizationRequest("code", AppRegistry.OPENVISIT, AuthorizationServer.CALLBACK,
                "launch openid fhirUser user/Appointment.read", "s", v1Base, launch, Pkce.challengeOf(VERIFIER), "S256", "n");
        assertThat(server.authorization.check(v1, v1Base, ORIGIN).ehrContext()).isNotNull();
    }

    @Test
    void behavioursAreNamedWithoutCase() {
        assertThat(LaunchBehaviour.parse("encounter_only, ABSOLUTE_FHIR_USER"))
                .containsExactlyInAnyOrder(LaunchBehaviour.ENCOUNTER_ONLY, LaunchBehaviour.ABSOLUTE_FHIR_USER);
        assertThatThrownBy(() -> LaunchBehaviour.parse("sometimes")).hasMessageContaining("sometimes");
    }
}
