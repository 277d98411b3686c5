package org.openvisit.report.domain.model;

import java.time.Instant;

/** How many visits of one status have their report time in the UTC time bucket starting at {@code start}. */
public record TimeBucketCount(Instant start, ReportStatus status, long visits) {
}
