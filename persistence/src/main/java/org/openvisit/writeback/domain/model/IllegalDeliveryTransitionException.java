package org.openvisit.writeback.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

/** A delivery task was asked to move where its status does not allow. */
public class IllegalDeliveryTransitionException extends ConflictException {

    private final DeliveryStatus status;

    public IllegalDeliveryTransitionException(DeliveryStatus status, String action) {
        super("This write-back item is " + status + "; it cannot be " + action + ".");
        this.status = status;
    }

    public DeliveryStatus status() {
        return status;
    }
}
