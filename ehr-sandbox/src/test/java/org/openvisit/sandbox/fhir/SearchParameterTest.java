package org.openvisit.sandbox.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class SearchParameterTest {

    private final Appointment appointment = new Appointment()
            .setStart(Date.from(Instant.parse("2026-11-23T09:00:00Z")))
            .addParticipant(new Appointment.AppointmentParticipantComponent().setActor(new Reference("Patient/p1")));

    private boolean matches(String type, String name, Object resource, String query) {
        return SearchParameters.forType(type).get(name).matches((org.hl7.fhir.r4.model.Resource) resource, query, ZoneOffset.UTC);
    }

    @Test
    void datesCompareByDayWithPrefixes() {
        assertThat(matches("Appointment", "date", appointment, "2026-11-23")).isTrue();
        assertThat(matches("Appointment", "date", appointment, "ge2026-11-23")).isTrue();
        assertThat(matches("Appointment", "date", appointment, "gt2026-11-23")).isFalse();
        assertThat(matches("Appointment", "date", appointment, "lt2026-11-24")).isTrue();
    }

    @Test
    void datesWithATimeCompareToTheSecond() {
        assertThat(matches("Appointment", "date", appointment, "ge2026-11-23T09:00:00Z")).isTrue();
        assertThat(matches("Appointment", "date", appointment, "gt2026-11-23T09:00:00Z")).isFalse();
        assertThat(matches("Appointment", "date", appointment, "ge2026-11-23T09:00:01Z")).isFalse();
        assertThat(matches("Appointment", "date", appointment, "le2026-11-23T10:00:00+01:00")).isTrue();
        assertThat(matches("Appointment", "date", appointment, "lt2026-11-23T10:00:00+01:00")).isFalse();
        assertThat(matches("Appointment", "date", appointment, "ge2026-11-23T08:59:59.500Z")).isTrue();
    }

    @Test
    void lastUpdatedIsSearchedOnEveryTypeToTheSecond() {
        org.openvisit.sandbox.records.FhirRecords records = new org.openvisit.sandbox.records.FhirRecords(
                java.time.Clock.fixed(Instant.parse("2026-12-05T03:00:00Z"), ZoneOffset.UTC));
        records.create(new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED)
                .setStart(Date.from(Instant.parse("2026-12-06T09:00:00Z"))).setId("a1"));
        ReadSearchProvider<Appointment> provider = new ReadSearchProvider<>(Appointment.class, records, ZoneOffset.UTC);
        assertThat(provider.matching(java.util.Map.of("_lastUpdated", java.util.List.of("gt2026-12-05T02:59:59Z"))))
                .hasSize(1);
        assertThat(provider.matching(java.util.Map.of("_lastUpdated", java.util.List.of("gt2026-12-05T03:00:00Z"))))
                .isEmpty();
        assertThat(provider.matching(java.util.Map.of("_lastUpdated", java.util.List.of("gt2026-12-05T03:00:00Z"),
                "date", java.util.List.of("ge2026-12-05T00:00:00Z")))).isEmpty();
        assertThat(provider.matching(java.util.Map.of("_count", java.util.List.of("1")))).hasSize(1);
    }

    @Test
    void referencesMatchByIdOrTypedId() {
        assertThat(matches("Appointment", "patient", appointment, "p1")).isTrue();
        assertThat(matches("Appointment", "patient", appointment, "Patient/p1")).isTrue();
        assertThat(matches("Appointment", "patient", appointment, "p2")).isFalse();
        assertThat(matches("Appointment", "practitioner", appointment, "p1")).isFalse();
    }

    @Test
    void tokensMatchWithOrWithoutSystem() {
        Patient patient = new Patient().addIdentifier(new Identifier().setSystem("urn:mrn").setValue("E1"));
        assertThat(matches("Patient", "identifier", patient, "E1")).isTrue();
        assertThat(matches("Patient", "identifier", patient, "urn:mrn|E1")).isTrue();
        assertThat(matches("Patient", "identifier", patient, "urn:other|E1")).isFalse();
        assertThat(matches("Patient", "identifier", patient, "E2,E1")).isTrue();
    }
}
