package org.openvisit.launch.application;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.util.Optional;

/**
 * The appointment an EHR's FHIR {@code Encounter} was booked by ({@code Encounter.appointment}, R4: 0..*): the first
 * reference to an Appointment of the same server, made relative. The only thing OpenVisit reads from an Encounter.
 */
final class EncounterAppointment {

    private EncounterAppointment() {
    }

    /** From an Encounter resource; empty when the body is not one or names no appointment of this server. */
    static Optional<String> of(String body, String fhirBase) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            if (!(reader.read() instanceof JsonObject encounter)
                    || !(encounter.get("resourceType") instanceof JsonString type)
                    || !type.getString().equals("Encounter")
                    || !(encounter.get("appointment") instanceof JsonArray appointments)) {
                return Optional.empty();
            }
            for (JsonValue item : appointments) {
                if (item instanceof JsonObject reference && reference.get("reference") instanceof JsonString value) {
                    EhrReference parsed = EhrReference.parse(value.getString(), fhirBase);
                    if (parsed.is("Appointment")) {
                        return Optional.of(parsed.relative());
                    }
                }
            }
            return Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
