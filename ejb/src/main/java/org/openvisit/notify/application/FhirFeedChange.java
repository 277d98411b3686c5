package org.openvisit.notify.application;

/**
 * An endpoint's appointment feed source: {@code HL7V2} (the SIU feed) or {@code FHIR_POLLING}; for FHIR, how often
 * (minutes; null: as before, or the installation's default) and how far ahead (days).
 */
public record FhirFeedChange(String source, Integer intervalMinutes, Integer horizonDays) {
}
