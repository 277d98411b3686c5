package org.openvisit.report.domain.model;

import org.openvisit.tenant.domain.model.FhirEnvironment;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Which visits a report covers: one organization, visits whose report time (booked start, else creation) falls in
 * {@code [from, to)}, and optionally one endpoint, department, clinician (EHR user id), status, meeting platform,
 * environment of the endpoint and call-quality verdict.
 */
public record ReportFilter(UUID organizationId, Instant from, Instant to, UUID endpointId, String departmentId,
                           String clinicianEhrUserId, ReportStatus status, String meetingPlatform,
                           FhirEnvironment environment, QualityVerdict quality) {

    /** Without the environment and quality filters. */
    public ReportFilter(UUID organizationId, Instant from, Instant to, UUID endpointId, String departmentId,
                        String clinicianEhrUserId, ReportStatus status, String meetingPlatform) {
        this(organizationId, from, to, endpointId, departmentId, clinicianEhrUserId, status, meetingPlatform, null,
                null);
    }

    public ReportFilter {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new org.openvisit.shared.domain.model.InvalidValueException("to",
                    "The end of the date range must come after its start.");
        }
        departmentId = blankToNull(departmentId);
        clinicianEhrUserId = blankToNull(clinicianEhrUserId);
        meetingPlatform = blankToNull(meetingPlatform);
    }

    /** All visits of the organization in the range. */
    public static ReportFilter of(UUID organizationId, Instant from, Instant to) {
        return new ReportFilter(organizationId, from, to, null, null, null, null, null, null, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
