package org.openvisit.visit.domain.model;

/** Who did something in a visit. Clinicians launched it from the EHR; patients and guests joined by link. */
public enum AttendeeRole {
    PROVIDER,
    STAFF,
    PATIENT,
    GUEST;

    public boolean isClinician() {
        return this == PROVIDER || this == STAFF;
    }
}
