package org.openvisit.notify.application;

import jakarta.ejb.ApplicationException;

/** The carrier did not take a message sent at once (not scheduled); the transaction that would record it rolls back. */
@ApplicationException(rollback = true)
public class SmsCarrierUnavailableException extends RuntimeException {

    public SmsCarrierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
