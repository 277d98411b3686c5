package org.openvisit.sandbox.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;

/**
 * How the sandbox answers an update whose {@code If-Match} names a version that is no longer the current one.
 * FHIR R4 allows {@code 412 Precondition Failed} (the default here) or {@code 409 Conflict}; widely used servers
 * (HAPI's JPA server among them) answer 409. Switched with the admin API ({@code /admin/api/fhir-behaviour}).
 */
public class VersionConflicts {

    private volatile int status = 412;

    public int status() {
        return status;
    }

    /** @throws IllegalArgumentException for anything but 409 or 412 */
    public void answerWith(int status) {
        if (status != 409 && status != 412) {
            throw new IllegalArgumentException("versionConflictStatus must be 409 or 412");
        }
        this.status = status;
    }

    BaseServerResponseException conflict(String message) {
        return status == 409 ? new ResourceVersionConflictException(message) : new PreconditionFailedException(message);
    }
}
