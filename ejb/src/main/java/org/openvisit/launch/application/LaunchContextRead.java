package org.openvisit.launch.application;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The launch context of a SMART token response, as EHRs really send it (SMART App Launch 2.2): the appointment
 * from {@code fhirContext} in any of its forms — {@code {"reference": "Appointment/1"}},
 * {@code {"type": "Appointment", "reference": ...}}, {@code {"type": "Appointment", "canonical": ...}}, an absolute
 * reference on the endpoint's FHIR server, {@code {"type": "Appointment", "identifier": {...}}}, or the bare string
 * of early EHRs — taking only items whose {@code role} is absent or {@code launch}; the {@code encounter} (an id or a
 * reference); the department ({@code location}). References on another server are ignored. Nothing of the patient
 * is read.
 *
 * @param appointment           {@code Appointment/<id>}, or {@code null}
 * @param appointmentIdentifier {@code <system>|<value>} of an appointment named only by identifier, or {@code null}
 * @param encounter             {@code Encounter/<id>}, or {@code null}
 */
record LaunchContextRead(String appointment, String appointmentIdentifier, String encounter, String location) {

    private static final String APPOINTMENT = "Appointment";
    private static final int MAX_IDENTIFIER = 400;

    static LaunchContextRead of(JsonObject context, String fhirBase) {
        String appointment = null;
        String identifier = null;
        if (context != null && context.get("fhirContext") instanceof JsonArray items) {
            for (JsonValue item : items) {
                if (appointment != null) {
                    break;
                }
                if (item instanceof JsonString s) {
                    appointment = appointment(EhrReference.parse(s.getString(), fhirBase));
                } else if (item instanceof JsonObject o && isLaunchRole(o)) {
                    String type = string(o, "type");
                    if (type != null && !type.equals(APPOINTMENT)) {
                        continue;
                    }
                    String reference = string(o, "reference");
                    if (reference != null && type != null && !reference.contains("/")) {
                        reference = type + "/" + reference;
                    }
                    appointment = appointment(EhrReference.parse(reference, fhirBase));
                    if (appointment == null && type != null) {
                        appointment = appointment(EhrReference.parse(string(o, "canonical"), fhirBase));
                    }
                    if (appointment == null && identifier == null && type != null
                            && o.get("identifier") instanceof JsonObject id) {
                        identifier = identifier(id);
                    }
                }
            }
        }
        return new LaunchContextRead(appointment, appointment == null ? identifier : null,
                encounter(text(context, "encounter"), fhirBase), text(context, "location"));
    }

    /** Whether the launch names anything a visit can be keyed by. */
    boolean isEmpty() {
        return appointment == null && appointmentIdentifier == null && encounter == null;
    }

    private static boolean isLaunchRole(JsonObject item) {
        String role = string(item, "role");
        return role == null || role.equals("launch");
    }

    private static String appointment(EhrReference reference) {
        return reference.is(APPOINTMENT) ? reference.relative() : null;
    }

    private static String encounter(String value, String fhirBase) {
        if (value == null) {
            return null;
        }
        EhrReference reference = EhrReference.parse(value.contains("/") ? value : "Encounter/" + value, fhirBase);
        return reference.is("Encounter") ? reference.relative() : null;
    }

    private static String identifier(JsonObject identifier) {
        String value = string(identifier, "value");
        if (value == null) {
            return null;
        }
        String system = string(identifier, "system");
        String key = (system == null ? "" : system) + "|" + value;
        return key.length() > MAX_IDENTIFIER ? null : key;
    }

    private static String string(JsonObject json, String name) {
        return json.get(name) instanceof JsonString s && !s.getString().isBlank() ? s.getString().strip() : null;
    }

    /** A short, printable string member, or {@code null}. */
    static String text(JsonObject json, String name) {
        if (json == null || !(json.get(name) instanceof JsonString s) || s.getString().isBlank()) {
            return null;
        }
        String clean = s.getString().replaceAll("\\p{Cntrl}", " ").strip();
        return clean.length() > 255 ? clean.substring(0, 255) : clean;
    }

    @Override
    public String toString() {
        return "LaunchContextRead[appointment " + (appointment != null || appointmentIdentifier != null ? "named" : "none")
                + ", encounter " + (encounter != null ? "named" : "none") + "]";
    }
}
