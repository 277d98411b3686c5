package org.openvisit.notify.domain.model;

/** The two consents an organization gives before OpenVisit may do anything with SMS for it. */
public enum ConsentKind {
    /** The vendor (whoever runs this OpenVisit installation) may send SMS in the organization's name. */
    VENDOR_SENDS,
    /** The organization ensures that its patients agreed to receive these messages. */
    PATIENTS_CONSENTED
}
