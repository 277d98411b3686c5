package org.openvisit.notify.application;

/**
 * An endpoint's appointment feed source: {@code HL7V2} (the SIU feed) or {@code FHIR_POLLING}; for FHIR, how often
 * (minutes; null: as before, or the installation's default) and how far ahead (days), and the canonical URL of the
 * EHR's appointment SubscriptionTopic to subscribe to (null: as before; empty: no Subscription, polling only).
 */
public record FhirFeedChange(String source, Integer intervalMinutes, Integer horizonDays, String subscriptionTopic) {
}
