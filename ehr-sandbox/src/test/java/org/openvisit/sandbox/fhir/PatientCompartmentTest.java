package org.openvisit.sandbox.fhir;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PatientCompartmentTest {

    @Test
    void thePatientAndWhatRefersToThemAreInside() {
        Patient patient = new Patient();
        patient.setId("p1");
        Appointment appointment = new Appointment()
                .addParticipant(new Appointment.AppointmentParticipantComponent().setActor(new Reference("Patient/p1")));
        Communication other = new Communication().setSubject(new Reference("Patient/p2"));

        assertThat(PatientCompartment.contains(patient, "p1")).isTrue();
        assertThat(PatientCompartment.contains(patient, "p2")).isFalse();
        assertThat(PatientCompartment.contains(appointment, "p1")).isTrue();
        assertThat(PatientCompartment.contains(other, "p1")).isFalse();
    }

    @Test
    void aSearchMustNameExactlyThePatient() {
        assertThat(PatientCompartment.searchIsLimitedTo("Appointment", Map.of("patient", new String[] {"p1"}), "p1")).isTrue();
        assertThat(PatientCompartment.searchIsLimitedTo("Appointment", Map.of("actor", new String[] {"Patient/p1"}), "p1")).isTrue();
        assertThat(PatientCompartment.searchIsLimitedTo("Appointment", Map.of("patient", new String[] {"p2"}), "p1")).isFalse();
        assertThat(PatientCompartment.searchIsLimitedTo("Appointment", Map.of("date", new String[] {"2026-11-23"}), "p1")).isFalse();
        assertThat(PatientCompartment.searchIsLimitedTo("Patient", Map.of("_id", new String[] {"p1"}), "p1")).isTrue();
    }

    @Test
    void directoryResourcesAreOutsideAnyCompartment() {
        assertThat(PatientCompartment.isCompartmentType("Practitioner")).isFalse();
        assertThat(PatientCompartment.isCompartmentType("Location")).isFalse();
        assertThat(PatientCompartment.isCompartmentType("Encounter")).isTrue();
    }
}
