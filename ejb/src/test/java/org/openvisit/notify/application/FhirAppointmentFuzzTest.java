package org.openvisit.notify.application;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Patient;
import org.openvisit.ehr.fhir.FhirClients;
import org.openvisit.shared.infrastructure.Jsons;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FHIR appointment feed's intake (issue 15's polling, issue 20's fuzzing): whatever an EHR answers as an
 * Appointment or a Patient (ids, statuses, times, references, displays, telecoms in any shape), HAPI's parser refuses
 * it as not FHIR (the feed then records a bad answer) or the mapping answers one thing — mapped, with bounded values
 * the intake can store, or skipped with a reason — and never an exception that would stop the feed's run.
 */
class FhirAppointmentFuzzTest {

    private static final String BASE = "https://ehr.example.org/fhir/R4";
    /** OpenVisit's own context: lenient and silent (no patient value in the log). */
    private static final IParser PARSER = FhirClients.newContext().newJsonParser();
    private static final String[] STATUSES = {"booked", "arrived", "checked-in", "cancelled", "noshow",
            "entered-in-error", "proposed", "pending", "waitlist", "fulfilled"};

    @FuzzTest(maxDuration = "3s")
    void anyAppointmentIsMappedOrSkippedOrNotFhir(FuzzedDataProvider data) {
        JsonObjectBuilder json = Jsons.createObjectBuilder().add("resourceType", "Appointment");
        if (data.consumeBoolean()) {
            json.add("id", data.consumeString(80));
        }
        if (data.consumeBoolean()) {
            json.add("status", data.consumeBoolean() ? data.pickValue(STATUSES) : data.consumeString(20));
        }
        if (data.consumeBoolean()) {
            json.add("start", data.consumeBoolean() ? "2026-12-07T15:30:00" + data.consumeString(8)
                    : data.consumeString(40));
        }
        if (data.consumeBoolean()) {
            json.add("meta", Jsons.createObjectBuilder().add("versionId", data.consumeString(40))
                    .add("lastUpdated", data.consumeString(30)));
        }
        JsonArrayBuilder participants = Jsons.createArrayBuilder();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            JsonObjectBuilder actor = Jsons.createObjectBuilder();
            actor.add("reference", data.consumeBoolean() ? pick(data, "Patient/", "Location/", BASE + "/Patient/",
                    "Practitioner/") + data.consumeString(60) : data.consumeString(80));
            if (data.consumeBoolean()) {
                actor.add("display", data.consumeString(300));
            }
            if (data.consumeBoolean()) {
                actor.add("type", data.consumeString(12));
            }
            participants.add(Jsons.createObjectBuilder().add("actor", actor));
        }
        json.add("participant", participants);
        Appointment appointment;
        try {
            appointment = PARSER.parseResource(Appointment.class, json.build().toString());
        } catch (DataFormatException notFhir) {
            return; // the feed records "not readable FHIR"
        }

        FhirAppointmentMapping.Result result = FhirAppointmentMapping.map(appointment, BASE);

        assertThat(result.mapped().isPresent()).as("mapped or skipped, not both").isNotEqualTo(result.skip().isPresent());
        result.mapped().ifPresent(m -> {
            assertThat(m.appointmentId()).isNotBlank();
            assertThat(m.controlId()).isNotBlank().hasSizeLessThanOrEqualTo(FhirAppointmentMapping.MAX_CONTROL_ID);
            if (m.department() != null) {
                assertThat(m.department()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            }
            m.patientId().ifPresent(p -> assertThat(p).isNotBlank());
            if (m.needsNumber()) {
                assertThat(m.start()).as("a booking has its start").isNotNull();
            }
            assertThat(m.message("+15555550123").controlId()).isEqualTo(m.controlId());
        });
    }

    @FuzzTest(maxDuration = "3s")
    void anyPatientGivesAMobileNumberOrNone(FuzzedDataProvider data) {
        JsonArrayBuilder telecom = Jsons.createArrayBuilder();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            JsonObjectBuilder contact = Jsons.createObjectBuilder()
                    .add("system", data.consumeBoolean() ? pick(data, "sms", "phone", "email") : data.consumeString(8))
                    .add("value", data.consumeString(40));
            if (data.consumeBoolean()) {
                contact.add("use", data.consumeBoolean() ? pick(data, "mobile", "home", "old") : data.consumeString(8));
            }
            if (data.consumeBoolean()) {
                contact.add("rank", data.consumeInt());
            }
            if (data.consumeBoolean()) {
                contact.add("period", Jsons.createObjectBuilder().add("end", data.consumeString(30)));
            }
            telecom.add(contact);
        }
        Patient patient;
        try {
            patient = PARSER.parseResource(Patient.class, Jsons.createObjectBuilder().add("resourceType", "Patient")
                    .add("telecom", telecom).build().toString());
        } catch (DataFormatException notFhir) {
            return;
        }

        Optional<String> mobile = FhirAppointmentMapping.mobile(patient);

        mobile.ifPresent(number -> assertThat(number).isNotBlank().isEqualTo(number.strip()));
    }

    private static String pick(FuzzedDataProvider data, String... values) {
        return data.pickValue(values);
    }
}
