package org.openvisit.notify.domain.model;

import java.util.Locale;
import java.util.Set;

/**
 * The outbox's messages grouped by what the carrier last said of their delivery, for filtering: the built-in carrier's
 * (never leave the server), on the way (an outside carrier took them, no final answer yet), delivered, not delivered
 * (undelivered, failed or cancelled), and any other answer. Statuses are Twilio's {@code MessageStatus} values, compared
 * without regard to case.
 */
public enum DeliveryGroup {
    BUILTIN,
    WAITING,
    DELIVERED,
    NOT_DELIVERED,
    OTHER;

    static final Set<String> ON_THE_WAY = Set.of("queued", "accepted", "scheduled", "sending", "sent");
    static final Set<String> ARRIVED = Set.of("delivered", "read");
    static final Set<String> LOST = Set.of("undelivered", "failed", "canceled");

    /** The group of a message with this carrier id and delivery status (either may be null). */
    public static DeliveryGroup of(String carrierMessageId, String deliveryStatus) {
        if (deliveryStatus == null) {
            return carrierMessageId == null ? BUILTIN : WAITING;
        }
        String status = deliveryStatus.toLowerCase(Locale.ROOT);
        if (ON_THE_WAY.contains(status)) {
            return WAITING;
        }
        if (ARRIVED.contains(status)) {
            return DELIVERED;
        }
        return LOST.contains(status) ? NOT_DELIVERED : OTHER;
    }

    /** The same test in SQL over {@code sms_outbox}'s columns (constants only: no value of a request goes in). */
    public String sql() {
        return switch (this) {
            case BUILTIN -> "delivery_status IS NULL AND carrier_message_id IS NULL";
            case WAITING -> "((delivery_status IS NULL AND carrier_message_id IS NOT NULL) OR LOWER(delivery_status) IN "
                    + list(ON_THE_WAY) + ")";
            case DELIVERED -> "LOWER(delivery_status) IN " + list(ARRIVED);
            case NOT_DELIVERED -> "LOWER(delivery_status) IN " + list(LOST);
            case OTHER -> "delivery_status IS NOT NULL AND LOWER(delivery_status) NOT IN " + list(ON_THE_WAY)
                    + " AND LOWER(delivery_status) NOT IN " + list(ARRIVED) + " AND LOWER(delivery_status) NOT IN "
                    + list(LOST);
        };
    }

    private static String list(Set<String> statuses) {
        return "(" + String.join(", ", statuses.stream().sorted().map(s -> "'" + s + "'").toList()) + ")";
    }
}
