package org.openvisit.sandbox.fhir;

import org.hl7.fhir.r4.model.Resource;

import java.util.List;
import java.util.Map;

/**
 * Which resources belong to a patient, for tokens with patient-level scopes only: the Patient
 * itself, and Appointments, Encounters, Communications and AuditEvents that refer to them.
 * Directory resources (Practitioner, PractitionerRole, Organization, Location) are outside any
 * patient's compartment and stay readable.
 */
public final class PatientCompartment {

    /** The search parameters that tie a resource type to its patient. */
    private static final Map<String, List<String>> LINKS = Map.of(
            "Patient", List.of("_id"),
            "Appointment", List.of("patient", "actor"),
            "Encounter", List.of("patient", "subject"),
            "Communication", List.of("patient", "subject"),
            "AuditEvent", List.of("entity", "agent"));

    private PatientCompartment() {
    }

    public static boolean isCompartmentType(String type) {
        return LINKS.containsKey(type);
    }

    /** The search parameters by which a search of the type names its patient. */
    public static List<String> linkingParameters(String type) {
        return LINKS.getOrDefault(type, List.of());
    }

    /** True if the resource is the patient or refers to them. */
    public static boolean contains(Resource resource, String patientId) {
        String type = resource.fhirType();
        if (type.equals("Patient")) {
            return resource.getIdElement().getIdPart().equals(patientId);
        }
        Map<String, SearchParameter> parameters = SearchParameters.forType(type);
        return linkingParameters(type).stream().map(parameters::get)
                .anyMatch(parameter -> parameter != null && parameter.values().apply(resource).contains("Patient/" + patientId));
    }

    /** True if the search names exactly the patient, by one of the type's linking parameters. */
    public static boolean searchIsLimitedTo(String type, Map<String, String[]> parameters, String patientId) {
        for (String name : linkingParameters(type)) {
            String[] values = parameters.get(name);
            if (values != null && values.length > 0) {
                boolean onlyThePatient = java.util.Arrays.stream(values).allMatch(value ->
                        value.equals(patientId) || value.equals("Patient/" + patientId));
                if (onlyThePatient) {
                    return true;
                }
            }
        }
        return false;
    }
}
