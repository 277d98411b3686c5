package org.openvisit.report.application;

import org.openvisit.report.domain.model.ReportTotals;

import java.util.UUID;

/** The summary cards of a report: the organization it is of and its totals. */
public record ReportSummary(UUID organizationId, ReportTotals totals) implements java.io.Serializable {
}
