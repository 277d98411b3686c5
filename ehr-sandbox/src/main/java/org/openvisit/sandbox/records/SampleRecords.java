package org.openvisit.sandbox.records;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;

/**
 * The synthetic people and schedule the sandbox starts with: two clinics with a virtual-care
 * department each, four practitioners, six patients, and video appointments for today and the
 * next two days, each with its planned Encounter. All names are invented.
 */
public final class SampleRecords {

    public static final String MRN_SYSTEM = "urn:oid:1.2.840.114350.1.13.0.1.7.5.737384.14";
    public static final String NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi";
    public static final String APPOINTMENT_SYSTEM = "urn:openvisit:sandbox:csn";

    private SampleRecords() {
    }

    /** Seeds the records with appointments relative to {@code today} in {@code zone}. */
    public static void seed(FhirRecords records, LocalDate today, ZoneId zone) {
        records.create(organization("org-riverside", "Riverside Family Clinic", "Springfield"));
        records.create(organization("org-northgate", "Northgate Pediatrics", "Shelbyville"));
        records.create(location("loc-riverside-virtual", "Riverside Virtual Care", "org-riverside"));
        records.create(location("loc-northgate-virtual", "Northgate Telehealth", "org-northgate"));

        records.create(practitioner("prac-ada-okafor", "Okafor", "Ada", "1000000001", AdministrativeGender.FEMALE));
        records.create(practitioner("prac-ben-lindqvist", "Lindqvist", "Ben", "1000000002", AdministrativeGender.MALE));
        records.create(practitioner("prac-chen-wu", "Wu", "Chen", "1000000003", AdministrativeGender.FEMALE));
        records.create(practitioner("prac-diego-alvarez", "Alvarez", "Diego", "1000000004", AdministrativeGender.MALE));
        records.create(role("role-ada-okafor", "prac-ada-okafor", "org-riverside", "loc-riverside-virtual"));
        records.create(role("role-ben-lindqvist", "prac-ben-lindqvist", "org-riverside", "loc-riverside-virtual"));
        records.create(role("role-chen-wu", "prac-chen-wu", "org-northgate", "loc-northgate-virtual"));
        records.create(role("role-diego-alvarez", "prac-diego-alvarez", "org-northgate", "loc-northgate-virtual"));

        records.create(patient("pat-leo-marsh", "Marsh", "Leo", "E1001", "1984-03-12", AdministrativeGender.MALE));
        records.create(patient("pat-mia-fontaine", "Fontaine", "Mia", "E1002", "1991-07-30", AdministrativeGender.FEMALE));
        records.create(patient("pat-noah-brandt", "Brandt", "Noah", "E1003", "1958-11-02", AdministrativeGender.MALE));
        records.create(patient("pat-olivia-sato", "Sato", "Olivia", "E1004", "2015-05-21", AdministrativeGender.FEMALE));
        records.create(patient("pat-pablo-reyes", "Reyes", "Pablo", "E1005", "2019-09-09", AdministrativeGender.MALE));
        records.create(patient("pat-quinn-harlow", "Harlow", "Quinn", "E1006", "1972-01-18", AdministrativeGender.OTHER));

        var visits = new Object[][] {
                {"appt-1001", 0, "09:00", "prac-ada-okafor", "pat-leo-marsh", "loc-riverside-virtual", "Follow-up: blood pressure"},
                {"appt-1002", 0, "10:30", "prac-ada-okafor", "pat-mia-fontaine", "loc-riverside-virtual", "Medication review"},
                {"appt-1003", 0, "14:00", "prac-ben-lindqvist", "pat-noah-brandt", "loc-riverside-virtual", "Post-discharge check"},
                {"appt-1004", 0, "11:00", "prac-chen-wu", "pat-olivia-sato", "loc-northgate-virtual", "Asthma follow-up"},
                {"appt-1005", 1, "09:30", "prac-chen-wu", "pat-pablo-reyes", "loc-northgate-virtual", "Rash, new"},
                {"appt-1006", 1, "15:00", "prac-ada-okafor", "pat-quinn-harlow", "loc-riverside-virtual", "Lab results"},
                {"appt-1007", 2, "08:30", "prac-diego-alvarez", "pat-olivia-sato", "loc-northgate-virtual", "Well-child visit"},
                {"appt-1008", 2, "13:30", "prac-ben-lindqvist", "pat-leo-marsh", "loc-riverside-virtual", "Sleep consultation"},
                // a month ahead: a patient who opens its link is early for the lobby
                {"appt-1009", 30, "10:00", "prac-ada-okafor", "pat-quinn-harlow", "loc-riverside-virtual", "Annual review"},
        };
        for (Object[] visit : visits) {
            LocalDate day = today.plusDays((Integer) visit[1]);
            Date start = Date.from(day.atTime(LocalTime.parse((String) visit[2])).atZone(zone).toInstant());
            Date end = new Date(start.getTime() + 30 * 60_000L);
            String id = (String) visit[0];
            records.create(appointment(id, start, end, (String) visit[3], (String) visit[4], (String) visit[5], (String) visit[6]));
            records.create(encounter("enc-" + id.substring("appt-".length()), id, start, end,
                    (String) visit[3], (String) visit[4], (String) visit[5]));
        }
    }

    private static Organization organization(String id, String name, String city) {
        Organization organization = new Organization();
        organization.setId(id);
        organization.setActive(true);
        organization.setName(name);
        organization.addAddress(new Address().setCity(city).setCountry("US"));
        return organization;
    }

    private static Location location(String id, String name, String organization) {
        Location location = new Location();
        location.setId(id);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setName(name);
        location.addIdentifier(new Identifier().setSystem("urn:openvisit:sandbox:department").setValue(id));
        location.setManagingOrganization(new Reference("Organization/" + organization));
        return location;
    }

    private static Practitioner practitioner(String id, String family, String given, String npi, AdministrativeGender gender) {
        Practitioner practitioner = new Practitioner();
        practitioner.setId(id);
        practitioner.setActive(true);
        practitioner.addIdentifier(new Identifier().setSystem(NPI_SYSTEM).setValue(npi));
        practitioner.addName(new HumanName().setFamily(family).addGiven(given).addPrefix("Dr."));
        practitioner.setGender(gender);
        return practitioner;
    }

    private static PractitionerRole role(String id, String practitioner, String organization, String location) {
        PractitionerRole role = new PractitionerRole();
        role.setId(id);
        role.setActive(true);
        role.setPractitioner(new Reference("Practitioner/" + practitioner));
        role.setOrganization(new Reference("Organization/" + organization));
        role.addLocation(new Reference("Location/" + location));
        role.addCode(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/practitioner-role", "doctor", "Doctor")));
        return role;
    }

    private static Patient patient(String id, String family, String given, String mrn, String birthDate, AdministrativeGender gender) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.setActive(true);
        patient.addIdentifier(new Identifier().setSystem(MRN_SYSTEM).setValue(mrn));
        patient.addName(new HumanName().setFamily(family).addGiven(given));
        patient.setGender(gender);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        patient.addTelecom(new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setUse(ContactPoint.ContactPointUse.MOBILE).setValue("+1-312-555-01" + mrn.substring(3)));
        return patient;
    }

    private static Appointment appointment(String id, Date start, Date end, String practitioner, String patient,
                                           String location, String reason) {
        Appointment appointment = new Appointment();
        appointment.setId(id);
        appointment.addIdentifier(new Identifier().setSystem(APPOINTMENT_SYSTEM).setValue(id.substring("appt-".length())));
        appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
        appointment.setServiceType(java.util.List.of(new CodeableConcept(
                new Coding("urn:openvisit:sandbox:visit-type", "video", "Video visit"))));
        appointment.setDescription(reason);
        appointment.setStart(start);
        appointment.setEnd(end);
        appointment.setMinutesDuration(30);
        appointment.addParticipant(participant("Patient/" + patient));
        appointment.addParticipant(participant("Practitioner/" + practitioner));
        appointment.addParticipant(participant("Location/" + location));
        return appointment;
    }

    private static Appointment.AppointmentParticipantComponent participant(String reference) {
        return new Appointment.AppointmentParticipantComponent()
                .setActor(new Reference(reference))
                .setRequired(Appointment.ParticipantRequired.REQUIRED)
                .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    }

    private static Encounter encounter(String id, String appointment, Date start, Date end, String practitioner,
                                       String patient, String location) {
        Encounter encounter = new Encounter();
        encounter.setId(id);
        encounter.setStatus(Encounter.EncounterStatus.PLANNED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual"));
        encounter.setSubject(new Reference("Patient/" + patient));
        encounter.addParticipant().setIndividual(new Reference("Practitioner/" + practitioner));
        encounter.addAppointment(new Reference("Appointment/" + appointment));
        encounter.setPeriod(new Period().setStart(start).setEnd(end));
        encounter.addLocation().setLocation(new Reference("Location/" + location));
        return encounter;
    }
}
