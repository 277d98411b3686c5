package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.InvalidValueException;

/** A FHIR endpoint was given a value it cannot accept; the field names the input. */
public class InvalidEndpointException extends InvalidValueException {

    public InvalidEndpointException(String field, String message) {
        super(field, message);
    }
}
