package org.openvisit.tenant.application;

import org.openvisit.shared.domain.model.ConflictException;

import java.util.UUID;

/**
 * Someone else changed the endpoint since the caller read it: the caller's expected version is not
 * the stored one, or another transaction committed a change first. Nothing of the caller's change is kept.
 */
public class ConcurrentEndpointChangeException extends ConflictException {

    private final UUID endpointId;

    public ConcurrentEndpointChangeException(UUID endpointId) {
        super("Someone else changed this endpoint while you were editing it. Reload it to see their change.");
        this.endpointId = endpointId;
    }

    public UUID endpointId() {
        return endpointId;
    }
}
