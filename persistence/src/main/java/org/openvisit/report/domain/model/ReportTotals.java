package org.openvisit.report.domain.model;

/**
 * The summary figures of a report: counts by status, and medians and 90th percentiles in seconds (null when no visit
 * in the report has the figure).
 */
public record ReportTotals(long visits, long completed, long noShows, long endedWithoutPatient, long open,
                           Double medianDurationSeconds, Double p90DurationSeconds, Double medianLobbyWaitSeconds,
                           Double p90LobbyWaitSeconds, Double medianTimeToAdmitSeconds, long smsSent) implements java.io.Serializable {

    /** No-shows among the visits whose outcome is known (completed, no-show, ended without patient); 0 without any. */
    public double noShowRate() {
        long decided = completed + noShows + endedWithoutPatient;
        return decided == 0 ? 0 : (double) noShows / decided;
    }
}
