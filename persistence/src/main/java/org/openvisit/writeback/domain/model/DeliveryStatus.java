package org.openvisit.writeback.domain.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a delivery task stands:
 * <pre>
 *   PENDING    claim -> IN_FLIGHT (not while held back behind an undone earlier event of its visit)
 *   RETRYING   claim -> IN_FLIGHT
 *   IN_FLIGHT  delivered -> DELIVERED; attempt failed -> RETRYING; gave up -> FAILED;
 *              claim again once the lease has run out (the node died) -> IN_FLIGHT
 *   FAILED     (dead letter) retry -> PENDING; discard -> DISCARDED
 *   DELIVERED, DISCARDED  final
 * </pre>
 */
public enum DeliveryStatus {
    PENDING,
    IN_FLIGHT,
    DELIVERED,
    RETRYING,
    FAILED,
    DISCARDED;

    /** Statuses that still hold back the later events of the same visit. */
    public static final Set<DeliveryStatus> UNDONE = EnumSet.of(PENDING, IN_FLIGHT, RETRYING, FAILED);

    public boolean canMoveTo(DeliveryStatus next) {
        return switch (this) {
            case PENDING, RETRYING -> next == IN_FLIGHT;
            case IN_FLIGHT -> next == DELIVERED || next == RETRYING || next == FAILED || next == IN_FLIGHT;
            case FAILED -> next == PENDING || next == DISCARDED;
            case DELIVERED, DISCARDED -> false;
        };
    }

    public boolean isFinal() {
        return this == DELIVERED || this == DISCARDED;
    }
}
