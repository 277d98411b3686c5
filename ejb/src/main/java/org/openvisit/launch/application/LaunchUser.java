package org.openvisit.launch.application;

/**
 * Who the EHR says launched: its {@code fhirUser} (never the id_token's {@code sub}), relative or absolute, made
 * relative to the endpoint's FHIR base so that it is stored and shown the same way in both cases
 * ({@code Practitioner/123}). An absolute {@code fhirUser} on another server is {@link #foreign()}.
 *
 * @param reference {@code Type/id} on the endpoint's server, or {@code null} when the EHR named no FHIR user
 *                  (a patient portal that sends only {@code sub}) or one on another server
 */
record LaunchUser(String reference, boolean foreign) {

    static LaunchUser of(String ehrUser, String fhirBase) {
        EhrReference parsed = EhrReference.parse(ehrUser, fhirBase);
        return switch (parsed.kind()) {
            case LOCAL -> new LaunchUser(parsed.relative(), false);
            case FOREIGN -> new LaunchUser(null, true);
            case INVALID -> new LaunchUser(null, false);
        };
    }

    boolean isClinician() {
        return reference != null && (reference.startsWith("Practitioner/") || reference.startsWith("PractitionerRole/"));
    }

    /** A patient or a patient's proxy ({@code RelatedPerson}, as MyChart proxies are). */
    boolean isPatient() {
        return reference != null && (reference.startsWith("Patient/") || reference.startsWith("RelatedPerson/"));
    }

    @Override
    public String toString() {
        return "LaunchUser[" + (foreign ? "foreign" : reference == null ? "none" : reference.substring(0, reference.indexOf('/'))) + "]";
    }
}
