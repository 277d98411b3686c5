package org.openvisit.tenant.domain.model;

/** An organization was given a value it cannot accept; the message is meant for the person who typed it. */
public class InvalidOrganizationException extends RuntimeException {

    private final String field;

    public InvalidOrganizationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
