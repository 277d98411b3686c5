package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FhirBehaviourTest {

    @Test
    void versionConflictsAreAnswered412OrAsSwitched409() {
        VersionConflicts conflicts = new VersionConflicts();
        assertThat(conflicts.conflict("stale")).isInstanceOf(PreconditionFailedException.class);
        conflicts.answerWith(409);
        assertThat(conflicts.conflict("stale")).isInstanceOf(ResourceVersionConflictException.class);
        assertThat(conflicts.conflict("stale").getStatusCode()).isEqualTo(409);
        assertThatThrownBy(() -> conflicts.answerWith(400)).isInstanceOf(IllegalArgumentException.class);
        assertThat(conflicts.status()).isEqualTo(409);
    }

    @Test
    void ifNoneExistTakesOnlySearchParameters() {
        assertThat(CreateProvider.searchParametersOnly("identifier=urn%3Aopenvisit%3Avisit-event%7Ce1")).isTrue();
        assertThat(CreateProvider.searchParametersOnly("identifier=urn:x|1&status=completed")).isTrue();
        assertThat(CreateProvider.searchParametersOnly("http://127.0.0.1:8080/fhir/Communication?identifier=urn:x|1"))
                .isFalse();
        assertThat(CreateProvider.searchParametersOnly("Communication?identifier=urn:x|1")).isFalse();
        assertThat(CreateProvider.searchParametersOnly("/fhir/Communication")).isFalse();
        assertThat(CreateProvider.searchParametersOnly(" ")).isFalse();
    }

    @Test
    void communicationsAreFoundByTheAppointmentTheyAreBasedOn() {
        Communication c = new Communication();
        c.addBasedOn(new Reference("Appointment/appt-1"));
        SearchParameter basedOn = SearchParameters.forType("Communication").get("based-on");
        assertThat(basedOn).isNotNull();
        assertThat(basedOn.matches(c, "Appointment/appt-1", java.time.ZoneOffset.UTC)).isTrue();
        assertThat(basedOn.matches(c, "Appointment/appt-2", java.time.ZoneOffset.UTC)).isFalse();
        assertThat(SearchParameters.forType("Communication")).containsKeys("sent", "status", "encounter", "identifier");
    }
}
