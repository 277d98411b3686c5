package org.openvisit.notify.application;

import java.util.List;
import java.util.Optional;

/**
 * A FHIR Subscription notification as OpenVisit reads it (Subscriptions Backport IG, R4): its kind, the status the
 * EHR gives the Subscription ({@code active}, {@code error}, ...), the Subscription it names (its id, if given), the
 * EHR's count of events since the Subscription started, the event numbers it carries, and the ids of the
 * Appointments those events focus on (id-only payload; other resource types left out).
 */
public record SubscriptionNotice(Kind kind, String status, Optional<String> subscriptionId, long eventsSinceStart,
                                 List<Long> eventNumbers, List<String> appointmentIds) {

    /** The notification's {@code type}. */
    public enum Kind {
        HANDSHAKE, HEARTBEAT, EVENT_NOTIFICATION, QUERY_STATUS, QUERY_EVENT;

        static Optional<Kind> of(String code) {
            if (code == null) {
                return Optional.empty();
            }
            return switch (code) {
                case "handshake" -> Optional.of(HANDSHAKE);
                case "heartbeat" -> Optional.of(HEARTBEAT);
                case "event-notification" -> Optional.of(EVENT_NOTIFICATION);
                case "query-status" -> Optional.of(QUERY_STATUS);
                case "query-event" -> Optional.of(QUERY_EVENT);
                default -> Optional.empty();
            };
        }
    }

    /** Whether the EHR says the Subscription is in error (or off): the feed polls and the Subscription is made again. */
    public boolean inError() {
        return "error".equals(status) || "off".equals(status);
    }
}
