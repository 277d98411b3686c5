package org.openvisit.report.application;

import java.util.List;

/** One page of the visits table and how many visits the filter finds in all. */
public record ReportPage(List<ReportRow> rows, long total) {
}
