package org.openvisit.ehr;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LaunchScopesTest {

    private static SmartConfiguration ehr(List<String> capabilities, List<String> scopesSupported) {
        return new SmartConfiguration("https://ehr.example.org/fhir", null, URI.create("https://ehr.example.org/authorize"),
                URI.create("https://ehr.example.org/token"), URI.create("https://ehr.example.org/jwks"), List.of("S256"),
                capabilities, scopesSupported);
    }

    @Test
    void aV2EhrIsAskedInV2SyntaxWithTheHintsItLists() {
        assertThat(LaunchScopes.forLaunch(ehr(List.of("launch-ehr", "permission-v2", "permission-v1"),
                List.of("launch", "launch/encounter", "launch/appointment", "user/*.rs")), LaunchScopes.Level.USER))
                .isEqualTo("launch openid fhirUser launch/encounter launch/appointment user/Appointment.r user/Encounter.r user/Location.r");
    }

    @Test
    void aV1OnlyEhrIsAskedInV1Syntax() {
        assertThat(LaunchScopes.forLaunch(ehr(List.of("launch-ehr", "permission-v1"), List.of("user/*.read")),
                LaunchScopes.Level.USER))
                .isEqualTo("launch openid fhirUser user/Appointment.read user/Encounter.read user/Location.read");
    }

    @Test
    void theEncounterHintFollowsTheCapabilityAndThePatientLaunchAsksPatientScopes() {
        assertThat(LaunchScopes.forLaunch(ehr(List.of("context-ehr-encounter", "permission-v2"), List.of()),
                LaunchScopes.Level.PATIENT))
                .isEqualTo("launch openid fhirUser launch/encounter patient/Appointment.r patient/Encounter.r patient/Location.r");
    }

    @Test
    void withoutCapabilitiesTheListedScopesDecideAndNothingMeansV1() {
        assertThat(LaunchScopes.syntax(ehr(List.of(), List.of("patient/*.rs", "user/Appointment.cruds"))))
                .isEqualTo(LaunchScopes.Syntax.V2);
        assertThat(LaunchScopes.syntax(ehr(List.of(), List.of("user/*.read", "user/*.rs"))))
                .isEqualTo(LaunchScopes.Syntax.V1);
        assertThat(LaunchScopes.syntax(ehr(List.of(), List.of()))).isEqualTo(LaunchScopes.Syntax.V1);
    }

    @Test
    void discoveryReadsTheScopesSupported() {
        SmartConfiguration parsed = SmartConfiguration.parse("https://ehr.example.org/fhir", "{\"authorization_endpoint\":"
                + "\"https://ehr.example.org/a\",\"token_endpoint\":\"https://ehr.example.org/t\",\"jwks_uri\":"
                + "\"https://ehr.example.org/j\",\"scopes_supported\":[\"launch\",\"launch/encounter\"],"
                + "\"capabilities\":[\"permission-v1\"]}");
        assertThat(parsed.scopesSupported()).containsExactly("launch", "launch/encounter");
        assertThat(LaunchScopes.forLaunch(parsed, LaunchScopes.Level.USER))
                .isEqualTo("launch openid fhirUser launch/encounter user/Appointment.read user/Encounter.read user/Location.read");
    }
}
