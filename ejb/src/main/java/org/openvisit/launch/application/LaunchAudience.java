package org.openvisit.launch.application;

/**
 * Which launch URL the EHR opened: the bare {@code /launch} or an endpoint's provider URL (the user decides: a
 * clinician goes to the visit page, a patient to the lobby), or an endpoint's patient URL (always the lobby, whatever
 * {@code fhirUser} says: a patient, a {@code RelatedPerson} proxy, or none).
 */
public enum LaunchAudience {
    ANY,
    PROVIDER,
    PATIENT
}
