package org.openvisit.sandbox.records;

import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.openvisit.sandbox.MutableClock;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FhirRecordsTest {

    private final FhirRecords records = new FhirRecords(new MutableClock(Instant.parse("2026-11-23T09:00:00Z")));

    @Test
    void createsVersionOneAndCountsUpOnUpdate() {
        Resource created = records.create(new Patient().setActive(true));
        String id = created.getIdElement().getIdPart();

        Resource updated = records.update(new Patient().setActive(false), id, "1");

        assertThat(created.getMeta().getVersionId()).isEqualTo("1");
        assertThat(updated.getMeta().getVersionId()).isEqualTo("2");
        assertThat(((Patient) records.read("Patient", id).orElseThrow()).getActive()).isFalse();
        assertThat(((Patient) records.readVersion("Patient", id, "1").orElseThrow()).getActive()).isTrue();
    }

    @Test
    void refusesAnUpdateBasedOnAStaleVersion() {
        String id = records.create(new Patient()).getIdElement().getIdPart();
        records.update(new Patient(), id, null);

        assertThatThrownBy(() -> records.update(new Patient(), id, "1")).isInstanceOf(VersionConflictException.class);
    }

    @Test
    void handsOutCopies() {
        String id = records.create(new Patient().setActive(true)).getIdElement().getIdPart();
        ((Patient) records.read("Patient", id).orElseThrow()).setActive(false);

        assertThat(((Patient) records.read("Patient", id).orElseThrow()).getActive()).isTrue();
    }

    @Test
    void seedsClinicsPeopleAndAppointmentsWithEncounters() {
        SampleRecords.seed(records, LocalDate.of(2026, 11, 23), ZoneOffset.UTC);

        assertThat(records.all("Organization")).hasSize(2);
        assertThat(records.all("Practitioner")).hasSize(4);
        assertThat(records.all("Patient")).hasSize(6);
        assertThat(records.all("Appointment")).hasSize(9); // appt-1009, a month ahead: the early patient
        assertThat(records.all("Encounter")).hasSize(9);
        assertThat(new People(records).scheduleOf("Practitioner/prac-ada-okafor")).hasSize(4); // with appt-1009
    }

    @Test
    void findsTheCurrentResourcesWithAnIdentifierThroughItsIndex() {
        org.hl7.fhir.r4.model.Communication c = new org.hl7.fhir.r4.model.Communication();
        c.addIdentifier().setSystem("urn:x").setValue("e-1");
        var stored = records.create(c);
        assertThat(records.withIdentifier("Communication", "urn:x", "e-1")).hasSize(1);
        assertThat(records.withIdentifier("Communication", "urn:x", "e-2")).isEmpty();
        org.hl7.fhir.r4.model.Communication changed = (org.hl7.fhir.r4.model.Communication) stored;
        changed.getIdentifier().clear();
        changed.addIdentifier().setSystem("urn:x").setValue("e-2");
        records.update(changed, stored.getIdElement().getIdPart(), null);
        assertThat(records.withIdentifier("Communication", "urn:x", "e-1")).isEmpty();
        assertThat(records.withIdentifier("Communication", "urn:x", "e-2")).hasSize(1);
    }

    @Test
    void anEditMeanwhileMakesTheVersionAnUpdateWasBasedOnStale() {
        org.hl7.fhir.r4.model.Encounter e = new org.hl7.fhir.r4.model.Encounter()
                .setStatus(org.hl7.fhir.r4.model.Encounter.EncounterStatus.PLANNED);
        String id = records.create(e).getIdElement().getIdPart();
        assertThat(records.editMeanwhile("Encounter", id)).isTrue();
        assertThat(records.editMeanwhile("Encounter", "no-such")).isFalse();
        org.hl7.fhir.r4.model.Encounter current = (org.hl7.fhir.r4.model.Encounter) records.read("Encounter", id).orElseThrow();
        assertThat(current.getMeta().getVersionId()).isEqualTo("2");
        assertThat(current.getExtensionByUrl(FhirRecords.EDITED_MEANWHILE)).isNotNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> records.update(e, id, "1"))
                .isInstanceOf(VersionConflictException.class);
        assertThat(records.update(current.setStatus(org.hl7.fhir.r4.model.Encounter.EncounterStatus.INPROGRESS), id, "2")
                .getMeta().getVersionId()).isEqualTo("3");
    }
}
