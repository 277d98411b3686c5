package org.openvisit.audit.domain.model;

/** How a page of audit events is ordered (then by id, so pages never overlap). */
public enum AuditSort {
    RECORDED_AT("recordedAt"),
    KIND("kind"),
    ACTOR("actorId"),
    OUTCOME("outcome");

    private final String attribute;

    AuditSort(String attribute) {
        this.attribute = attribute;
    }

    /** The entity attribute it orders by. */
    public String attribute() {
        return attribute;
    }
}
