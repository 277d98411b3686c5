package org.openvisit.notify.application;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvisit.notify.domain.model.AppointmentEvent;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FhirAppointmentMappingTest {

    private static final String BASE = "https://ehr.example.org/fhir/R4";
    private static final Instant START = Instant.parse("2026-12-07T15:30:00Z");
    private static final Instant UPDATED = Instant.parse("2026-12-05T08:00:00Z");

    private static Appointment appointment(String id, Appointment.AppointmentStatus status, String patientReference) {
        Appointment a = new Appointment();
        a.setId(id);
        a.getMeta().setVersionId("3").setLastUpdated(Date.from(UPDATED));
        if (status != null) {
            a.setStatus(status);
        }
        a.setStart(Date.from(START));
        if (patientReference != null) {
            a.addParticipant().setActor(new Reference(patientReference));
        }
        a.addParticipant().setActor(new Reference("Practitioner/dr-1").setDisplay("Dr. Who"));
        a.addParticipant().setActor(new Reference("Location/loc-1").setDisplay("North clinic"));
        return a;
    }

    private static FhirAppointmentMapping.Mapped mapped(Appointment a) {
        FhirAppointmentMapping.Result r = FhirAppointmentMapping.map(a, BASE);
        assertThat(r.skip()).as("skipped").isEmpty();
        return r.mapped().orElseThrow();
    }

    @ParameterizedTest
    @CsvSource({"BOOKED,MODIFIED", "ARRIVED,MODIFIED", "CHECKEDIN,MODIFIED", "CANCELLED,CANCELLED",
            "NOSHOW,NO_SHOW", "ENTEREDINERROR,DELETED"})
    void statusesBecomeTheSiuEvents(Appointment.AppointmentStatus status, AppointmentEvent event) {
        FhirAppointmentMapping.Mapped m = mapped(appointment("appt-1", status, "Patient/p1"));
        assertThat(m.event()).isEqualTo(event);
        assertThat(m.needsNumber()).isEqualTo(event == AppointmentEvent.MODIFIED);
        assertThat(m.appointmentId()).isEqualTo("appt-1");
        assertThat(m.controlId()).isEqualTo("fhir:appt-1/_history/3");
        assertThat(m.start()).isEqualTo(START);
        assertThat(m.lastUpdated()).isEqualTo(UPDATED);
        assertThat(m.department()).isEqualTo("North clinic");
        assertThat(m.clinician()).isEqualTo("Dr. Who");
        assertThat(m.message("+12025550100").clinician()).isEqualTo("Dr. Who");
    }

    @org.junit.jupiter.api.Test
    void theClinicianIsThePractitionerParticipantsDisplayAndNoneWithoutOne() {
        Appointment typed = new Appointment();
        typed.setId("appt-9");
        typed.setStatus(Appointment.AppointmentStatus.BOOKED);
        typed.setStart(Date.from(START));
        typed.addParticipant().setActor(new Reference().setType("Practitioner").setDisplay("  Dr   Ana  Ruiz "));
        assertThat(mapped(typed).message(null).clinician()).isEqualTo("Dr Ana Ruiz");
        Appointment unnamed = new Appointment();
        unnamed.setId("appt-10");
        unnamed.setStatus(Appointment.AppointmentStatus.BOOKED);
        unnamed.setStart(Date.from(START));
        unnamed.addParticipant().setActor(new Reference("Practitioner/dr-2"));
        unnamed.addParticipant().setActor(new Reference("Location/loc-1").setDisplay("North clinic"));
        assertThat(mapped(unnamed).clinician()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"PROPOSED,NOT_BOOKED", "PENDING,NOT_BOOKED", "WAITLIST,NOT_BOOKED", "FULFILLED,FINISHED",
            "NULL,UNKNOWN_STATUS"})
    void notBookedFinishedAndUnknownAreSkippedWithTheirReason(Appointment.AppointmentStatus status,
                                                               FhirAppointmentMapping.Skip reason) {
        assertThat(FhirAppointmentMapping.map(appointment("appt-2", status, "Patient/p1"), BASE).skip())
                .contains(reason);
        assertThat(FhirAppointmentMapping.map(appointment("appt-2", null, "Patient/p1"), BASE).skip())
                .contains(FhirAppointmentMapping.Skip.UNKNOWN_STATUS);
    }

    @Test
    void aBookingWithoutStartOrIdIsSkippedButACancellationNeedsNoStart() {
        Appointment noStart = appointment("appt-3", Appointment.AppointmentStatus.BOOKED, "Patient/p1");
        noStart.setStart(null);
        assertThat(FhirAppointmentMapping.map(noStart, BASE).skip()).contains(FhirAppointmentMapping.Skip.NO_START);
        Appointment cancelled = appointment("appt-3", Appointment.AppointmentStatus.CANCELLED, "Patient/p1");
        cancelled.setStart(null);
        assertThat(FhirAppointmentMapping.map(cancelled, BASE).mapped()).isPresent();
        Appointment noId = appointment("appt-4", Appointment.AppointmentStatus.BOOKED, "Patient/p1");
        noId.setIdElement(null);
        assertThat(FhirAppointmentMapping.map(noId, BASE).skip()).contains(FhirAppointmentMapping.Skip.NO_ID);
    }

    @ParameterizedTest
    @CsvSource(value = {
            "Patient/p1|p1",
            "Patient/p1/_history/7|p1",
            "https://ehr.example.org/fhir/R4/Patient/p1|p1",
            "https://EHR.example.org/fhir/R4/Patient/p1/_history/2|p1",
            "https://other.example.org/fhir/R4/Patient/p1|NONE",
            "#contained|NONE",
            "Practitioner/p1|NONE",
            "Group/g1|NONE"}, delimiter = '|')
    void thePatientParticipantIsFoundInTheFormsEhrsWrite(String reference, String expected) {
        Optional<String> id = FhirAppointmentMapping.patientId(appointment("appt-5",
                Appointment.AppointmentStatus.BOOKED, reference), BASE);
        if (expected.equals("NONE")) {
            assertThat(id).isEmpty();
        } else {
            assertThat(id).contains(expected);
        }
    }

    @Test
    void aBareIdWithTypePatientIsAPatientAndAnIdentifierOnlyReferenceIsNot() {
        Appointment typed = appointment("appt-6", Appointment.AppointmentStatus.BOOKED, null);
        typed.addParticipant().setActor(new Reference("p9").setType("Patient"));
        assertThat(FhirAppointmentMapping.patientId(typed, BASE)).contains("p9");
        Appointment byIdentifier = appointment("appt-7", Appointment.AppointmentStatus.BOOKED, null);
        byIdentifier.addParticipant().setActor(new Reference().setType("Patient")
                .setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue("MRN-1")));
        assertThat(FhirAppointmentMapping.patientId(byIdentifier, BASE)).isEmpty();
        assertThat(mapped(byIdentifier).patientId()).isEmpty();
    }

    @Test
    void theVersionMakesTheControlIdAndLastUpdatedStandsInWithoutOne() {
        Appointment a = appointment("appt-8", Appointment.AppointmentStatus.BOOKED, "Patient/p1");
        a.getMeta().setVersionId(null);
        assertThat(mapped(a).controlId()).isEqualTo("fhir:appt-8@" + UPDATED);
        Appointment longId = appointment("a".repeat(64), Appointment.AppointmentStatus.BOOKED, "Patient/p1");
        longId.getMeta().setVersionId("x".repeat(150));
        assertThat(mapped(longId).controlId()).startsWith("fhir-sha256:").hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void theMessageCarriesTheStartInUtcAndTheNumberAsWritten() {
        SiuMessage message = mapped(appointment("appt-9", Appointment.AppointmentStatus.BOOKED, "Patient/p1"))
                .message("+1 202 555 0147");
        assertThat(message.start(java.time.ZoneId.of("America/New_York"))).contains(START);
        assertThat(message.startOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(message.phone()).isEqualTo("+1 202 555 0147");
        assertThat(message.sendingFacility()).isNull();
    }

    private static ContactPoint contact(ContactPoint.ContactPointSystem system, ContactPoint.ContactPointUse use,
                                        String value) {
        ContactPoint c = new ContactPoint().setSystem(system).setValue(value);
        if (use != null) {
            c.setUse(use);
        }
        return c;
    }

    @Test
    void theMobileIsAnSmsContactElseAMobilePhoneByRankNeverOldOrEnded() {
        Patient p = new Patient();
        p.addTelecom(contact(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointUse.HOME, "+12025550100"));
        p.addTelecom(contact(ContactPoint.ContactPointSystem.EMAIL, null, "jane@example.org"));
        assertThat(FhirAppointmentMapping.mobile(p)).isEmpty();

        p.addTelecom(contact(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointUse.MOBILE, "+12025550102")
                .setRank(2));
        p.addTelecom(contact(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointUse.MOBILE, "+12025550101")
                .setRank(1));
        assertThat(FhirAppointmentMapping.mobile(p)).contains("+12025550101");

        p.addTelecom(contact(ContactPoint.ContactPointSystem.SMS, null, " +12025550103 "));
        assertThat(FhirAppointmentMapping.mobile(p)).contains("+12025550103");

        Patient old = new Patient();
        old.addTelecom(contact(ContactPoint.ContactPointSystem.SMS, ContactPoint.ContactPointUse.OLD, "+12025550104"));
        old.addTelecom(contact(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointUse.MOBILE,
                "+12025550105").setPeriod(new Period().setEnd(Date.from(Instant.parse("2020-01-01T00:00:00Z")))));
        old.addTelecom(contact(ContactPoint.ContactPointSystem.PHONE, ContactPoint.ContactPointUse.MOBILE, " "));
        assertThat(FhirAppointmentMapping.mobile(old)).isEmpty();
    }
}
