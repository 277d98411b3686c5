package org.openvisit.report.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A visit's figures for the reports, one row per visit in the visit's regional store, made again from the visit and
 * its events whenever one of them changes ({@link #refresh}). The report queries read these rows, never the events.
 */
@Entity
@Table(name = "visit_summary")
public class VisitSummary {

    public static final int MAX_CLINICIANS_LENGTH = 1000;

    @Id
    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "department_id", length = 255)
    private String departmentId;

    /** The department's display name from the EHR (regional V16), {@code null} when not read. */
    @Column(name = "department_name", length = 200)
    private String departmentName;

    @Column(name = "meeting_platform", length = 32)
    private String meetingPlatform;

    @Column(name = "appointment_hash", length = 64, nullable = false, updatable = false)
    private String appointmentHash;

    @Column(name = "clinicians", length = MAX_CLINICIANS_LENGTH)
    private String clinicians;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "booked_start")
    private Instant bookedStart;

    @Column(name = "booked_end")
    private Instant bookedEnd;

    @Column(name = "report_at", nullable = false)
    private Instant reportAt;

    @Column(name = "start_at")
    private Instant startAt;

    @Column(name = "end_at")
    private Instant endAt;

    @Column(name = "duration_s")
    private Long durationSeconds;

    @Column(name = "lobby_wait_s")
    private Long lobbyWaitSeconds;

    @Column(name = "time_to_admit_s")
    private Long timeToAdmitSeconds;

    @Column(name = "attendants_max", nullable = false)
    private int attendantsAtOnce;

    @Column(name = "patient_came_at")
    private Instant patientCameAt;

    @Column(name = "visit_ended_at")
    private Instant visitEndedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 24, nullable = false)
    private ReportStatus status;

    @Column(name = "no_show_at")
    private Instant noShowAt;

    @Column(name = "sms_sent", nullable = false)
    private int smsSent;

    @Column(name = "environment", length = 16)
    private String environment;

    @Enumerated(EnumType.STRING)
    @Column(name = "call_quality", length = 8, nullable = false)
    private QualityVerdict callQuality = QualityVerdict.NO_DATA;

    @Column(name = "rtt_ms")
    private Double rttMs;

    @Column(name = "rtt_worst_ms")
    private Double rttWorstMs;

    @Column(name = "jitter_ms")
    private Double jitterMs;

    @Column(name = "jitter_worst_ms")
    private Double jitterWorstMs;

    @Column(name = "loss_pct")
    private Double lossPercent;

    @Column(name = "loss_worst_pct")
    private Double lossWorstPercent;

    @Column(name = "fps")
    private Double fps;

    @Column(name = "fps_worst")
    private Double fpsWorst;

    @Enumerated(EnumType.STRING)
    @Column(name = "device_test", length = 8, nullable = false)
    private DeviceTestResult deviceTest = DeviceTestResult.NOT_DONE;

    @Enumerated(EnumType.STRING)
    @Column(name = "write_back", length = 12, nullable = false)
    private WriteBackState writeBack = WriteBackState.NONE;

    @Column(name = "event_count", nullable = false)
    private long eventCount;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected VisitSummary() {
        // for JPA
    }

    /** The first summary of a visit; call {@link #refresh} before storing it. */
    public static VisitSummary of(Visit visit) {
        VisitSummary s = new VisitSummary();
        s.visitId = visit.id().toString();
        s.organizationId = visit.organizationId().toString();
        s.endpointId = visit.endpointId().toString();
        s.appointmentHash = visit.appointmentHash().value();
        s.createdAt = visit.createdAt();
        s.status = ReportStatus.OPEN;
        return s;
    }

    /**
     * Makes the figures again from the visit, its clinicians' EHR user ids and its events in their order.
     *
     * @param grace how long after the booked slot a patient who has not come counts as a no-show
     */
    public VisitFigures refresh(Visit visit, List<String> clinicianIds, List<VisitEvent> events, Duration grace,
                                Instant now) {
        return refresh(visit, clinicianIds, events, grace, now, SummaryExtras.NONE);
    }

    /**
     * Makes the figures again from the visit, its clinicians' EHR user ids, its events in their order and what else
     * the reports show of it (environment, call quality, write-back, a cancelled appointment).
     */
    public VisitFigures refresh(Visit visit, List<String> clinicianIds, List<VisitEvent> events, Duration grace,
                                Instant now, SummaryExtras extras) {
        if (!visit.id().toString().equals(visitId)) {
            throw new IllegalArgumentException("This summary is of another visit.");
        }
        Booking booking = new Booking(visit.appointmentStart().orElse(null), visit.appointmentEnd().orElse(null),
                grace);
        VisitFigures f = VisitFigures.of(events.stream().map(EventFact::of).toList(), booking, now);
        departmentId = visit.departmentId().orElse(null);
        departmentName = visit.departmentName().orElse(null);
        meetingPlatform = visit.meeting().map(m -> m.platform()).orElse(null);
        environment = extras.environment() == null ? null : extras.environment().name();
        VisitQuality q = VisitQuality.of(extras.quality());
        callQuality = q.verdict();
        rttMs = q.rttMs();
        rttWorstMs = q.rttWorstMs();
        jitterMs = q.jitterMs();
        jitterWorstMs = q.jitterWorstMs();
        lossPercent = q.lossPercent();
        lossWorstPercent = q.lossWorstPercent();
        fps = q.fps();
        fpsWorst = q.fpsWorst();
        deviceTest = DeviceTestResult.of(events);
        writeBack = WriteBackState.of(extras.deliveries(), writeBack);
        smsSent = (int) events.stream().filter(e -> e.type() == VisitEventType.SMS_SENT).count();
        clinicians = joined(clinicianIds);
        bookedStart = booking.start();
        bookedEnd = booking.end();
        reportAt = bookedStart != null ? bookedStart : createdAt;
        startAt = f.start();
        endAt = f.end();
        durationSeconds = f.duration().map(Duration::getSeconds).orElse(null);
        lobbyWaitSeconds = f.lobbyWait() == null ? null : f.lobbyWait().getSeconds();
        timeToAdmitSeconds = f.timeToAdmit() == null ? null : f.timeToAdmit().getSeconds();
        attendantsAtOnce = f.attendantsAtOnce();
        patientCameAt = f.patientCameAt();
        visitEndedAt = f.visitEndedAt();
        status = ReportStatus.of(f.status(), extras.appointmentCancelled());
        noShowAt = booking.noShowDeadline().orElse(null);
        eventCount = events.size();
        updatedAt = Objects.requireNonNull(now, "now");
        return f;
    }

    private static String joined(List<String> ids) {
        String all = String.join(", ", ids.stream().sorted().toList());
        if (all.isEmpty()) {
            return null;
        }
        return all.length() > MAX_CLINICIANS_LENGTH ? all.substring(0, MAX_CLINICIANS_LENGTH - 1) + "…" : all;
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public Optional<String> departmentId() {
        return Optional.ofNullable(departmentId);
    }

    /** The department's display name from the EHR, when it was read at a launch. */
    public Optional<String> departmentName() {
        return Optional.ofNullable(departmentName);
    }

    public Optional<String> meetingPlatform() {
        return Optional.ofNullable(meetingPlatform);
    }

    public String appointmentHash() {
        return appointmentHash;
    }

    public Optional<String> clinicians() {
        return Optional.ofNullable(clinicians);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> bookedStart() {
        return Optional.ofNullable(bookedStart);
    }

    public Instant reportAt() {
        return reportAt;
    }

    public Optional<Instant> startAt() {
        return Optional.ofNullable(startAt);
    }

    public Optional<Instant> endAt() {
        return Optional.ofNullable(endAt);
    }

    public Optional<Long> durationSeconds() {
        return Optional.ofNullable(durationSeconds);
    }

    public Optional<Long> lobbyWaitSeconds() {
        return Optional.ofNullable(lobbyWaitSeconds);
    }

    public Optional<Long> timeToAdmitSeconds() {
        return Optional.ofNullable(timeToAdmitSeconds);
    }

    public int attendantsAtOnce() {
        return attendantsAtOnce;
    }

    public Optional<Instant> visitEndedAt() {
        return Optional.ofNullable(visitEndedAt);
    }

    public ReportStatus status() {
        return status;
    }

    public Optional<Instant> noShowAt() {
        return Optional.ofNullable(noShowAt);
    }

    public int smsSent() {
        return smsSent;
    }

    public Optional<String> environment() {
        return Optional.ofNullable(environment);
    }

    /** The call quality: verdict, means and worst figures. */
    public VisitQuality quality() {
        return new VisitQuality(callQuality, rttMs, rttWorstMs, jitterMs, jitterWorstMs, lossPercent,
                lossWorstPercent, fps, fpsWorst);
    }

    public DeviceTestResult deviceTest() {
        return deviceTest;
    }

    public WriteBackState writeBack() {
        return writeBack;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
