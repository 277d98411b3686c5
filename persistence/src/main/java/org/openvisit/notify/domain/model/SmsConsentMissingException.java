package org.openvisit.notify.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

/** Something that needs both SMS consents was asked for while one or both are not given. */
public class SmsConsentMissingException extends ConflictException {

    public SmsConsentMissingException() {
        super("SMS is not set up: an administrator of the organization must first tick both consents (OpenVisit may "
                + "send SMS for the organization, and the organization ensures its patients agreed).");
    }
}
