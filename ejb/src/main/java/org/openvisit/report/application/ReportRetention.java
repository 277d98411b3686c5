package org.openvisit.report.application;

import org.openvisit.retention.domain.model.RetentionRun;

import java.util.Optional;

/**
 * What the reports page says about data that is no longer there: how many days visits are kept ({@code null}: for
 * ever) and the organization's latest purge that deleted something.
 */
public record ReportRetention(Integer visitDays, Optional<RetentionRun> latest) {
}
