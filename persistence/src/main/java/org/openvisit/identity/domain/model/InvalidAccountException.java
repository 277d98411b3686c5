package org.openvisit.identity.domain.model;

import org.openvisit.shared.domain.model.InvalidValueException;

/** An account was given a value it cannot accept. */
public class InvalidAccountException extends InvalidValueException {

    public InvalidAccountException(String field, String message) {
        super(field, message);
    }
}
