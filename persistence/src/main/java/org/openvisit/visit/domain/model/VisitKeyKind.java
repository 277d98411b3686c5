package org.openvisit.visit.domain.model;

/** What a visit is keyed by: an EHR appointment, or a conference (group visit) id. */
public enum VisitKeyKind {
    APPOINTMENT("appointment:"),
    CONFERENCE("conference:");

    private final String prefix;

    VisitKeyKind(String prefix) {
        this.prefix = prefix;
    }

    /** What is prefixed to the id before hashing, so an appointment and a conference never share a hash. */
    public String prefix() {
        return prefix;
    }
}
