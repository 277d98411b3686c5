package org.openvisit.tenant.application;

import jakarta.ejb.ApplicationException;

import java.util.UUID;

/** No organization with this id. It rolls back the transaction and reaches the caller as it is (REST: 404). */
@ApplicationException(rollback = true, inherited = true)
public class OrganizationNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public OrganizationNotFoundException(UUID id) {
        super("There is no organization with the id " + id + ".");
    }
}
