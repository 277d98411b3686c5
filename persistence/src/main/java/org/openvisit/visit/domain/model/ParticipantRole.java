package org.openvisit.visit.domain.model;

/** What a clinician who launched a visit is in it: the provider, or other staff (nurse, assistant). */
public enum ParticipantRole {
    PROVIDER,
    STAFF
}
