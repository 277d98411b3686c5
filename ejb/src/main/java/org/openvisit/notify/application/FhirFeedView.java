package org.openvisit.notify.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An endpoint's feed source and, for FHIR polling, how its poll stands: the settings, the cursor (the EHR's
 * lastUpdated up to which changes were taken in), the last run and success, what the last run took in and skipped
 * (reason code to count), and the current failure — its kind (a code), its reason in the EHR's own terms (English,
 * as recorded) and how many in a row — and when the next poll is due; and the endpoint's FHIR Subscription, if one is
 * wanted (null: polling only), and how updates come now ({@code updates}: {@code SUBSCRIPTION}, {@code POLLING} or
 * {@code HL7V2}). Never a patient's data.
 */
public record FhirFeedView(UUID endpointId, String source, int intervalMinutes, int horizonDays, Instant cursor,
                           Instant lastRunAt, Instant lastSuccessAt, Instant nextPollAt, int lastFed, int lastSkipped,
                           Map<String, Integer> skipReasons, int failures, String failureKind, String failureReason,
                           Instant failedAt, String updatedBy, Instant updatedAt, FhirSubscriptionView subscription,
                           String updates)
        implements java.io.Serializable {

    public boolean polling() {
        return "FHIR_POLLING".equals(source);
    }

    /** How updates come now: {@code SUBSCRIPTION} (an active FHIR Subscription), {@code POLLING} or {@code HL7V2}. */
    static String updates(String source, FhirSubscriptionView subscription) {
        return !"FHIR_POLLING".equals(source) ? "HL7V2"
                : subscription != null && subscription.active() ? "SUBSCRIPTION" : "POLLING";
    }

    public boolean failing() {
        return failureKind != null;
    }
}
