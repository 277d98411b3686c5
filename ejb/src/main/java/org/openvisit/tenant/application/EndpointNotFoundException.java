package org.openvisit.tenant.application;

import jakarta.ejb.ApplicationException;

import java.util.UUID;

/**
 * There is no FHIR endpoint with this id that the signed-in user may see. An endpoint of another
 * organization is answered the same way as one that does not exist, so that ids of other tenants are
 * not disclosed. It rolls back the transaction and reaches the caller as it is (REST: 404).
 */
@ApplicationException(rollback = true, inherited = true)
public class EndpointNotFoundException extends RuntimeException {

    private final UUID endpointId;

    public EndpointNotFoundException(UUID endpointId) {
        super("There is no FHIR endpoint with the id " + endpointId + ".");
        this.endpointId = endpointId;
    }

    public UUID endpointId() {
        return endpointId;
    }
}
