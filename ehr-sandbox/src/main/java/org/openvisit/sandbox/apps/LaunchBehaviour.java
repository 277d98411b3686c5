package org.openvisit.sandbox.apps;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How the sandbox launches an app, to try the ways real EHRs behave; chosen per registered app
 * ({@code launchBehaviours}) or per launch ({@code behaviour=..}), the two added together. None: the plain
 * launch (relative {@code fhirUser}, {@code encounter} and {@code fhirContext: [{"reference": "Appointment/.."}]}).
 */
public enum LaunchBehaviour {
    /** {@code fhirUser} as an absolute URL on this FHIR server ({@code {fhirBase}/Practitioner/..}), as Epic sends it. */
    ABSOLUTE_FHIR_USER,
    /** {@code fhirUser} as an absolute URL on <em>another</em> server: an app must refuse it. */
    FOREIGN_FHIR_USER,
    /** A patient-portal sign-in that names no {@code fhirUser}: the id_token has an opaque {@code sub} only. */
    NO_FHIR_USER,
    /** The portal user is the patient's proxy: {@code fhirUser} is a {@code RelatedPerson} (as MyChart proxies). */
    RELATED_PERSON,
    /** Only the {@code encounter} (and patient): no {@code fhirContext}, as Oracle Health launches. */
    ENCOUNTER_ONLY,
    /** Neither appointment nor encounter: only the patient. An app must refuse it with a clear page. */
    NO_CONTEXT,
    /** {@code fhirContext: [{"type": "Appointment", "reference": "Appointment/.."}]}. */
    FHIR_CONTEXT_TYPED,
    /** {@code fhirContext: [{"type": "Appointment", "canonical": "{fhirBase}/Appointment/.."}]}. */
    FHIR_CONTEXT_CANONICAL,
    /** {@code fhirContext: [{"reference": "{fhirBase}/Appointment/.."}]}: an absolute reference. */
    FHIR_CONTEXT_ABSOLUTE,
    /**
     * An EHR that takes SMART v1 scopes only: the launch's {@code iss} is the sandbox's v1 face
     * ({@code {origin}/ehr-sandbox/v1/fhir}), whose SMART configuration lists {@code permission-v1} and v1 scopes only
     * and whose authorize endpoint refuses v2 scopes ({@code .r}, {@code .rs}).
     */
    V1_ONLY_SCOPES;

    /** A comma- or space-separated list of names (case ignored); unknown names are refused. */
    public static Set<LaunchBehaviour> parse(String names) {
        Set<LaunchBehaviour> set = EnumSet.noneOf(LaunchBehaviour.class);
        if (names == null) {
            return set;
        }
        for (String name : names.split("[,\\s]+")) {
            if (!name.isBlank()) {
                try {
                    set.add(valueOf(name.strip().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException unknown) {
                    throw new IllegalArgumentException("unknown launch behaviour " + name.strip());
                }
            }
        }
        return set;
    }
}
