package org.openvisit.audit.domain.model;

/** Who acted, by the one identifier OpenVisit keeps for them (PRODUCT.md §7). */
public enum ActorType {
    /** A portal account, by its username (also a name typed at a failed sign-in). */
    PORTAL_USER,
    /** An EHR user (the clinician of a launch), by the EHR's user id ({@code Practitioner/123}). */
    EHR_USER,
    /** A clinician in a visit's room: the room knows their role, not who they are. */
    CLINICIAN,
    /**
     * Someone OpenVisit does not identify: a patient or guest (a launch from the patient portal), or a launch refused
     * before its user was known.
     */
    UNIDENTIFIED,
    /** OpenVisit itself (the write-back relay, a key made on first use). */
    SYSTEM
}
