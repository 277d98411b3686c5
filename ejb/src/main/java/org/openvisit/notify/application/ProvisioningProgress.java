package org.openvisit.notify.application;

import org.openvisit.notify.domain.model.SendingNumber;

/** Where a carrier's provisioning job stands. */
public sealed interface ProvisioningProgress {

    /** Still working: ask again later. */
    record InProgress() implements ProvisioningProgress {
    }

    /** The number is the organization's. */
    record Done(SendingNumber number) implements ProvisioningProgress {
    }

    /** No number; {@code reason} in words an administrator understands (shown on the SMS page). */
    record Failed(String reason) implements ProvisioningProgress {
    }
}
