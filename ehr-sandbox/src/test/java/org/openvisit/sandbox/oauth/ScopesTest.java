package org.openvisit.sandbox.oauth;

import org.junit.jupiter.api.Test;
import org.openvisit.sandbox.oauth.Scopes.Interaction;

import static org.assertj.core.api.Assertions.assertThat;

class ScopesTest {

    @Test
    void v1ReadPermitsReadAndSearchButNotWrite() {
        Scopes scopes = Scopes.parse("launch user/Appointment.read");
        assertThat(scopes.permits("Appointment", Interaction.READ)).isTrue();
        assertThat(scopes.permits("Appointment", Interaction.SEARCH)).isTrue();
        assertThat(scopes.permits("Appointment", Interaction.UPDATE)).isFalse();
        assertThat(scopes.permits("Patient", Interaction.READ)).isFalse();
    }

    @Test
    void v2LettersPermitExactlyTheirInteractions() {
        Scopes scopes = Scopes.parse("system/Communication.cs system/*.r");
        assertThat(scopes.permits("Communication", Interaction.CREATE)).isTrue();
        assertThat(scopes.permits("Communication", Interaction.SEARCH)).isTrue();
        assertThat(scopes.permits("Communication", Interaction.UPDATE)).isFalse();
        assertThat(scopes.permits("Patient", Interaction.READ)).isTrue();
        assertThat(scopes.permits("Patient", Interaction.SEARCH)).isFalse();
    }

    @Test
    void wildcardsAndQuerySuffixes() {
        assertThat(Scopes.parse("system/*.*").permits("AuditEvent", Interaction.CREATE)).isTrue();
        assertThat(Scopes.parse("user/*.write").permits("Encounter", Interaction.UPDATE)).isTrue();
        assertThat(Scopes.parse("patient/Observation.rs?category=vital-signs").permits("Observation", Interaction.READ)).isTrue();
    }

    @Test
    void malformedScopesGrantNothing() {
        Scopes scopes = Scopes.parse("user/appointment.read users/*.read user/*.rx openid");
        assertThat(scopes.permits("Appointment", Interaction.READ)).isFalse();
        assertThat(scopes.permits("Patient", Interaction.READ)).isFalse();
    }

    @Test
    void tellsWhenOnlyPatientLevelScopesApply() {
        assertThat(Scopes.parse("patient/*.rs").patientLevelOnly("Patient", Interaction.READ)).isTrue();
        assertThat(Scopes.parse("patient/*.rs user/Patient.r").patientLevelOnly("Patient", Interaction.READ)).isFalse();
    }
}
