package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.InvalidValueException;

/** An organization was given a value it cannot accept. */
public class InvalidOrganizationException extends InvalidValueException {

    public InvalidOrganizationException(String field, String message) {
        super(field, message);
    }
}
