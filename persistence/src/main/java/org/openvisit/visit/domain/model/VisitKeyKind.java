package org.openvisit.visit.domain.model;

/**
 * What a visit is keyed by: an EHR appointment, an EHR encounter (a launch that names no appointment, and whose
 * encounter's appointment could not be read), or a conference (group visit) id.
 */
public enum VisitKeyKind {
    APPOINTMENT("appointment:"),
    ENCOUNTER("encounter:"),
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
