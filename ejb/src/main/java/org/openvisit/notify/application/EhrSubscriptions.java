package org.openvisit.notify.application;

import org.openvisit.writeback.application.EndpointAccess;

import java.time.Instant;
import java.util.Optional;

/**
 * The port through which OpenVisit keeps a rest-hook Subscription at an EHR (Subscriptions Backport IG STU 1.1, R4
 * shape; adapter {@code notify.infrastructure.fhir.HapiFhirSubscriptions}, SMART Backend Services as the poll uses).
 * Failures are {@link EhrFeedException}s in words; an EHR that will not make it (no Subscription support, an
 * unknown topic) is a {@link SubscriptionNotOfferedException}.
 */
public interface EhrSubscriptions {

    /**
     * What to ask for: the topic's canonical URL, where to notify, the header (name and secret) the EHR must send
     * with each notification, when the Subscription ends, and the heartbeat period.
     */
    record Request(String topic, String endpointUrl, String headerName, String secret, Instant end,
                   int heartbeatSeconds) {

        @Override
        public String toString() { // never the secret
            return "Request[topic=" + topic + ", endpointUrl=" + endpointUrl + ", end=" + end + "]";
        }
    }

    /** The Subscription as the EHR has it: its id, status ({@code requested}, {@code active}, ...) and end. */
    record Remote(String id, String status, Optional<Instant> end) {
    }

    /** @throws SubscriptionNotOfferedException the EHR will not make such a Subscription */
    Remote create(EndpointAccess access, Request request);

    /** The Subscription (empty when the EHR no longer has it: 404 or 410). */
    Optional<Remote> read(EndpointAccess access, String id);

    /** Moves the Subscription's end (empty when the EHR no longer has it). */
    Optional<Remote> renew(EndpointAccess access, String id, Instant end);

    /** Deletes it (one that is gone already is fine). */
    void delete(EndpointAccess access, String id);
}
