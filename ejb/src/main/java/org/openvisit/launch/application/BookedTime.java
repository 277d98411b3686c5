package org.openvisit.launch.application;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * When an appointment is booked for, read from the EHR's FHIR {@code Appointment} ({@code start} and
 * {@code end}, FHIR instants with their offsets): the only thing OpenVisit reads from it.
 */
record BookedTime(Instant start, Instant end) {

    /** From an Appointment resource; empty when the body is not one or has no readable start. */
    static Optional<BookedTime> fromAppointment(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            if (!(reader.read() instanceof JsonObject appointment)
                    || !(appointment.get("resourceType") instanceof JsonString type)
                    || !type.getString().equals("Appointment")) {
                return Optional.empty();
            }
            Instant start = instant(appointment, "start");
            return start == null ? Optional.empty() : Optional.of(new BookedTime(start, instant(appointment, "end")));
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    private static Instant instant(JsonObject appointment, String name) {
        if (!(appointment.get(name) instanceof JsonString value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.getString()).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            return null;
        }
    }
}
