package org.openvisit.notify.application;

import java.time.Instant;

/**
 * An endpoint's FHIR Subscription as the portal and the API show it: the topic, the state (a code: {@code PENDING},
 * {@code REQUESTED}, {@code ACTIVE}, {@code ERROR}, {@code NOT_OFFERED}), since when, the reason of a failure (as
 * recorded, English), when the EHR was last heard from, when the Subscription ends and its id at the EHR. Never the
 * secret.
 */
public record FhirSubscriptionView(String topic, String state, Instant since, String reason, Instant lastContactAt,
                                   Instant endsAt, String ehrSubscriptionId) implements java.io.Serializable {

    /** Whether updates come by the Subscription now. */
    public boolean active() {
        return "ACTIVE".equals(state);
    }
}
