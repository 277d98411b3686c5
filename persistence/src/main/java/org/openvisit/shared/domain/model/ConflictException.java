package org.openvisit.shared.domain.model;

import jakarta.ejb.ApplicationException;

/**
 * A request clashes with what is stored already (a duplicate, a concurrent change). It rolls back
 * the transaction and reaches the caller as it is.
 */
@ApplicationException(rollback = true, inherited = true)
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
