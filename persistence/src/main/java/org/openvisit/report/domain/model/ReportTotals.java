package org.openvisit.report.domain.model;

/**
 * The summary figures of a report: counts by status, medians and 90th percentiles in seconds (null when no visit
 * in the report has the figure), SMS sent, and how many visits had call-quality figures and how many of those were
 * poor.
 */
public record ReportTotals(long visits, long completed, long noShows, long endedWithoutPatient, long open,
                           Double medianDurationSeconds, Double p90DurationSeconds, Double medianLobbyWaitSeconds,
                           Double p90LobbyWaitSeconds, Double medianTimeToAdmitSeconds, long smsSent,
                           long cancelled, long qualityMeasured, long poorQuality) implements java.io.Serializable {

    /** Visits with poor call quality among those whose browsers sent figures; 0 without any. */
    public double poorQualityRate() {
        return qualityMeasured == 0 ? 0 : (double) poorQuality / qualityMeasured;
    }

    /** No-shows among the visits whose outcome is known (completed, no-show, ended without patient); 0 without any. */
    public double noShowRate() {
        long decided = completed + noShows + endedWithoutPatient;
        return decided == 0 ? 0 : (double) noShows / decided;
    }
}
