package org.openvisit.report.application;

import org.openvisit.report.domain.model.QualityVerdict;
import org.openvisit.report.domain.model.ReportFilter;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;
import java.util.UUID;

/**
 * What a viewer asks a report for: an organization ({@code null}: the viewer's own), a date range of whole days in the
 * viewer's time zone ({@code from} and {@code to} both included, at most {@link #MAX_DAYS} days) and optional filters.
 */
public record ReportQuery(UUID organizationId, LocalDate from, LocalDate to, ZoneId zone, UUID endpointId,
                          String departmentId, String clinicianEhrUserId, ReportStatus status,
                          String meetingPlatform, FhirEnvironment environment, QualityVerdict quality)
        implements java.io.Serializable {

    public static final int MAX_DAYS = 400;

    public ReportQuery {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        zone = zone == null ? ZoneId.of("UTC") : zone;
        if (to.isBefore(from)) {
            throw new InvalidValueException("to", "The last day of the range comes before its first day.")
                    .worded("range.backwards");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new InvalidValueException("to", "A report covers at most " + MAX_DAYS + " days.")
                    .worded("range.reportTooLong", MAX_DAYS);
        }
    }

    /** Without the environment and call-quality filters. */
    public ReportQuery(UUID organizationId, LocalDate from, LocalDate to, ZoneId zone, UUID endpointId,
                       String departmentId, String clinicianEhrUserId, ReportStatus status, String meetingPlatform) {
        this(organizationId, from, to, zone, endpointId, departmentId, clinicianEhrUserId, status, meetingPlatform,
                null, null);
    }

    /** The last {@code days} days up to and including today in the zone. */
    public static ReportQuery lastDays(UUID organizationId, int days, LocalDate today, ZoneId zone) {
        return new ReportQuery(organizationId, today.minusDays(Math.max(1, days) - 1L), today, zone, null, null, null,
                null, null);
    }

    ReportFilter filter(UUID organization) {
        return new ReportFilter(organization, from.atStartOfDay(zone).toInstant(),
                to.plusDays(1).atStartOfDay(zone).toInstant(), endpointId, departmentId, clinicianEhrUserId, status,
                meetingPlatform, environment, quality);
    }
}
