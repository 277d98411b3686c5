package org.openvisit.sandbox.oauth;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openvisit.sandbox.oauth.AuthorizationServer.CALLBACK;
import static org.openvisit.sandbox.oauth.AuthorizationServer.FHIR_BASE;
import static org.openvisit.sandbox.oauth.AuthorizationServer.ORIGIN;

class AuthorizationServiceTest {

    private static final String CHALLENGE = Pkce.challengeOf("verifier-verifier-verifier-verifier-verifier-1");
    private final AuthorizationServer server = new AuthorizationServer();
    private final String launch = server.ehrLaunch("Practitioner/prac-ada-okafor", "appt-1001");

    @Test
    void acceptsAnEhrLaunchAndCarriesItsContext() {
        var checked = server.authorization.check(AuthorizationServer.request(launch, CHALLENGE), FHIR_BASE, ORIGIN);

        assertThat(checked.ehrContext()).isEqualTo(new LaunchContext("Practitioner/prac-ada-okafor", "pat-leo-marsh",
                "enc-1001", "appt-1001", "loc-riverside-virtual", false));
        assertThat(server.authorization.approve(checked, checked.ehrContext()))
                .startsWith(CALLBACK + "?code=").endsWith("&state=state-1");
    }

    @Test
    void refusesAnUnknownClientWithoutRedirecting() {
        var request = new AuthorizationRequest("code", "nobody", CALLBACK, "launch", "s", FHIR_BASE, launch, CHALLENGE, "S256", null);

        assertThatThrownBy(() -> server.authorization.check(request, FHIR_BASE, ORIGIN))
                .isInstanceOfSatisfying(AuthorizationError.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_client");
                    assertThat(e.redirectable()).isFalse();
                });
    }

    @Test
    void refusesAnUnregisteredRedirectUriWithoutRedirecting() {
        var request = new AuthorizationRequest("code", "openvisit", "http://evil.test/callback", "launch", "s", FHIR_BASE,
                launch, CHALLENGE, "S256", null);

        assertThatThrownBy(() -> server.authorization.check(request, FHIR_BASE, ORIGIN))
                .isInstanceOfSatisfying(AuthorizationError.class, e -> assertThat(e.redirectable()).isFalse());
    }

    @Test
    void refusesAWrongAudienceBackToTheClient() {
        var request = new AuthorizationRequest("code", "openvisit", CALLBACK, "launch", "s", "http://other.test/fhir",
                launch, CHALLENGE, "S256", null);

        assertThatThrownBy(() -> server.authorization.check(request, FHIR_BASE, ORIGIN))
                .isInstanceOfSatisfying(AuthorizationError.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_request");
                    assertThat(e.redirectLocation()).startsWith(CALLBACK + "?error=invalid_request").contains("state=s");
                });
    }

    @Test
    void refusesPlainPkceAndAMissingChallenge() {
        var plain = new AuthorizationRequest("code", "openvisit", CALLBACK, "launch", "s", FHIR_BASE, launch, "abc", "plain", null);
        var none = new AuthorizationRequest("code", "openvisit", CALLBACK, "launch", "s", FHIR_BASE, launch, null, null, null);

        assertThatThrownBy(() -> server.authorization.check(plain, FHIR_BASE, ORIGIN))
                .isInstanceOf(AuthorizationError.class).hasMessageContaining("S256");
        assertThatThrownBy(() -> server.authorization.check(none, FHIR_BASE, ORIGIN))
                .isInstanceOf(AuthorizationError.class).hasMessageContaining("code_challenge");
    }

    @Test
    void refusesAnotherResponseTypeAndAnEhrLaunchWithoutTheLaunchScope() {
        var token = new AuthorizationRequest("token", "openvisit", CALLBACK, "launch", "s", FHIR_BASE, launch, CHALLENGE, "S256", null);
        var noLaunchScope = new AuthorizationRequest("code", "openvisit", CALLBACK, "openid user/*.rs", "s", FHIR_BASE, launch,
                CHALLENGE, "S256", null);

        assertThatThrownBy(() -> server.authorization.check(token, FHIR_BASE, ORIGIN))
                .isInstanceOfSatisfying(AuthorizationError.class, e -> assertThat(e.error()).isEqualTo("unsupported_response_type"));
        assertThatThrownBy(() -> server.authorization.check(noLaunchScope, FHIR_BASE, ORIGIN))
                .isInstanceOfSatisfying(AuthorizationError.class, e -> assertThat(e.error()).isEqualTo("invalid_scope"));
    }

    @Test
    void refusesARequestWithoutState() {
        var request = new AuthorizationRequest("code", "openvisit", CALLBACK, "launch", null, FHIR_BASE, launch, CHALLENGE, "S256", null);

        assertThatThrownBy(() -> server.authorization.check(request, FHIR_BASE, ORIGIN))
                .isInstanceOfSatisfying(AuthorizationError.class, e -> {
                    assertThat(e.redirectable()).isTrue();
                    assertThat(e.getMessage()).contains("state");
                });
    }

    @Test
    void refusesAnUnknownOrExpiredLaunch() {
        server.clock.advance(Duration.ofMinutes(11));

        assertThatThrownBy(() -> server.authorization.check(AuthorizationServer.request(launch, CHALLENGE), FHIR_BASE, ORIGIN))
                .isInstanceOf(AuthorizationError.class).hasMessageContaining("launch");
    }

    @Test
    void aPatientUserGetsPatientLevelScopes() {
        String patientLaunch = server.ehrLaunch("Patient/pat-leo-marsh", "appt-1001");
        var checked = server.authorization.check(AuthorizationServer.request(patientLaunch, CHALLENGE), FHIR_BASE, ORIGIN);
        String redirect = server.authorization.approve(checked, checked.ehrContext());
        String code = redirect.replaceAll(".*[?&]code=([^&]+).*", "$1");

        assertThat(server.codes.redeem(code).scopes().values())
                .contains("patient/*.rs", "launch", "openid").doesNotContain("user/*.rs");
    }

    @Test
    void grantsOnlyUserFacingScopes() {
        assertThat(AuthorizationService.grantedScopes(Scopes.parse("launch openid system/*.cruds user/Patient.rs made-up")).values())
                .containsExactlyInAnyOrder("launch", "openid", "user/Patient.rs");
    }
}
