package org.openvisit.report.application;

import org.openvisit.report.domain.model.DeviceTestResult;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.report.domain.model.VisitQuality;
import org.openvisit.report.domain.model.WriteBackState;
import org.openvisit.report.domain.model.VisitSummary;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * One visit in the visits table: the appointment only by its keyed hash, the clinicians by their EHR user ids,
 * durations in seconds (null when the visit has none), the endpoint's environment ({@code TEST} or
 * {@code PRODUCTION}; null when unknown), the call quality (verdict, mean and worst figures), the device-test result,
 * the write-back state and the SMS sent; the department by its id and, when the EHR gave it, its display name.
 */
public record ReportRow(UUID visitId, String appointmentHash, Instant reportAt, Instant bookedStart, Instant startAt,
                        Instant endAt, Long durationSeconds, String clinicians, String departmentId,
                        int attendantsAtOnce, Long lobbyWaitSeconds, Long timeToAdmitSeconds, ReportStatus status,
                        UUID endpointId, String endpointLabel, String meetingPlatform, String environment,
                        VisitQuality quality, DeviceTestResult deviceTest, WriteBackState writeBack, int smsSent,
                        String departmentName)
        implements Serializable {

    /** The department as people read it: its display name from the EHR, else its id ({@code null}: none). */
    public String department() {
        return departmentName != null ? departmentName : departmentId;
    }

    static ReportRow of(VisitSummary s, String endpointLabel) {
        return new ReportRow(s.visitId(), s.appointmentHash(), s.reportAt(), s.bookedStart().orElse(null),
                s.startAt().orElse(null), s.endAt().orElse(null), s.durationSeconds().orElse(null),
                s.clinicians().orElse(null), s.departmentId().orElse(null), s.attendantsAtOnce(),
                s.lobbyWaitSeconds().orElse(null), s.timeToAdmitSeconds().orElse(null), s.status(), s.endpointId(),
                endpointLabel, s.meetingPlatform().orElse(null), s.environment().orElse(null), s.quality(),
                s.deviceTest(), s.writeBack(), s.smsSent(), s.departmentName().orElse(null));
    }
}
