package org.openvisit.notify.domain.model;

/** What can happen to an organization's sending number; {@link SmsNumberStatus} says where each leads. */
public enum SmsNumberAction {
    /** An administrator asks for a new number. */
    REQUEST("requested"),
    /** The provisioning job handed the request to the carrier. */
    START("started"),
    /** The carrier gave the number. */
    ACTIVATE("activated"),
    /** The carrier could not give one (or the consents were withdrawn before it started). */
    FAIL("failed"),
    /** An administrator asks again after a failure. */
    RETRY("retried"),
    /** An administrator gives the number back to the carrier (or abandons a failed request). */
    RELEASE("released"),
    /** An administrator lets the number serve one of the organization's FHIR endpoints. */
    LINK("linked"),
    /** An administrator takes an endpoint off the number. */
    UNLINK("unlinked");

    private final String pastParticiple;

    SmsNumberAction(String pastParticiple) {
        this.pastParticiple = pastParticiple;
    }

    public String pastParticiple() {
        return pastParticiple;
    }
}
