package org.openvisit.report.domain.model;

/** The columns the visits table can be sorted by, in the database (each ties on the visit id). */
public enum ReportSort {
    REPORT_AT("reportAt"),
    START("startAt"),
    DURATION("durationSeconds"),
    LOBBY_WAIT("lobbyWaitSeconds"),
    TIME_TO_ADMIT("timeToAdmitSeconds"),
    ATTENDANTS("attendantsAtOnce"),
    STATUS("status"),
    DEPARTMENT("departmentId");

    private final String attribute;

    ReportSort(String attribute) {
        this.attribute = attribute;
    }

    /** The summary's attribute in JPQL. */
    public String attribute() {
        return attribute;
    }
}
