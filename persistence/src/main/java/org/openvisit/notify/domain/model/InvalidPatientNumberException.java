package org.openvisit.notify.domain.model;

/** A patient's phone number from the EHR that is missing, unreadable, invalid or not a mobile number. */
public class InvalidPatientNumberException extends RuntimeException {

    public InvalidPatientNumberException(String message) {
        super(message);
    }
}
