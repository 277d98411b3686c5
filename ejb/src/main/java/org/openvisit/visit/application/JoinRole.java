package org.openvisit.visit.application;

/** Who joins a visit's meeting, which decides where the join link leads. */
public enum JoinRole {
    PROVIDER,
    PATIENT,
    GUEST
}
