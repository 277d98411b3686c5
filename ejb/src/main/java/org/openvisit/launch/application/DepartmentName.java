package org.openvisit.launch.application;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import org.openvisit.shared.infrastructure.Jsons;

import java.io.StringReader;
import java.util.Optional;

/**
 * The department of a launch as the EHR names it: the launch's {@code location} as a FHIR reference on the endpoint's
 * server, and the display name read from that {@code Location} ({@code name}, the only thing OpenVisit reads from it;
 * a Location names a place, never a patient).
 */
final class DepartmentName {

    private DepartmentName() {
    }

    /** {@code Location/<id>} of the launch's location (an id, a relative or an absolute reference), if it is one. */
    static Optional<String> reference(String location, String fhirBase) {
        if (location == null || location.isBlank()) {
            return Optional.empty();
        }
        String value = location.strip();
        EhrReference reference = EhrReference.parse(value.contains("/") ? value : "Location/" + value, fhirBase);
        return reference.is("Location") ? Optional.of(reference.relative()) : Optional.empty();
    }

    /** The {@code name} of a Location resource; empty when the body is not one or names nothing. */
    static Optional<String> fromLocation(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try (JsonReader reader = Jsons.createReader(new StringReader(body))) {
            if (!(reader.read() instanceof JsonObject location)
                    || !(location.get("resourceType") instanceof JsonString type)
                    || !type.getString().equals("Location")
                    || !(location.get("name") instanceof JsonString name)
                    || name.getString().isBlank()) {
                return Optional.empty();
            }
            return Optional.of(name.getString().strip());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
