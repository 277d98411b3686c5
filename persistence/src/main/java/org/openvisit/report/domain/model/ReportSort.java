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
    DEPARTMENT("departmentId"),
    ENVIRONMENT("environment"),
    PLATFORM("meetingPlatform"),
    /** By the mean round-trip time of the call. */
    CALL_QUALITY("rttMs"),
    DEVICE_TEST("deviceTest"),
    WRITE_BACK("writeBack"),
    SMS_SENT("smsSent");

    private final String attribute;

    ReportSort(String attribute) {
        this.attribute = attribute;
    }

    /** Whether some visits have no value to sort by (they come last either way). */
    public boolean nullable() {
        return switch (this) {
            case ATTENDANTS, STATUS, DEVICE_TEST, WRITE_BACK, SMS_SENT, REPORT_AT -> false;
            default -> true;
        };
    }

    /** The summary's attribute in JPQL. */
    public String attribute() {
        return attribute;
    }
}
