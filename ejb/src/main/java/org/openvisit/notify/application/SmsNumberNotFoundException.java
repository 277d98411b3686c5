package org.openvisit.notify.application;

import jakarta.ejb.ApplicationException;

/** The organization has no sending number with this id (another organization's counts as none). REST: 404. */
@ApplicationException(rollback = true, inherited = true)
public class SmsNumberNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SmsNumberNotFoundException() {
        super("This organization has no such SMS phone number.");
    }
}
