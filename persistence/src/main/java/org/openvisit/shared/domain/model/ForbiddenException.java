package org.openvisit.shared.domain.model;

import jakarta.ejb.ApplicationException;

/**
 * The signed-in user may not do what they asked. The message says who may; it rolls back the
 * transaction and reaches the caller as it is.
 */
@ApplicationException(rollback = true, inherited = true)
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
