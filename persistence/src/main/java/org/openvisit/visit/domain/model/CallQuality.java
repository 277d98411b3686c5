package org.openvisit.visit.domain.model;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The call quality one attendee had in one visit, as running aggregates of what their browser
 * reported (count, mean, maximum of round-trip time, jitter, packet loss, frame rate, bitrate; how many reports
 * came while the media went through the TURN relay). One
 * row per attendee per visit, updated with each report: never raw samples.
 */
@Entity
@Table(name = "call_quality")
@NamedQuery(name = CallQuality.OF_VISIT,
        query = "select q from CallQuality q where q.visitId = :visit order by q.firstAt, q.attendeeId")
@NamedQuery(name = CallQuality.OF_ATTENDEE,
        query = "select q from CallQuality q where q.visitId = :visit and q.attendeeId = :attendee")
public class CallQuality {

    public static final String OF_VISIT = "CallQuality.ofVisit";
    public static final String OF_ATTENDEE = "CallQuality.ofAttendee";

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "attendee_id", length = VisitEvent.MAX_ATTENDEE_LENGTH, nullable = false, updatable = false)
    private String attendeeId;

    @Enumerated(EnumType.STRING)
    @Column(name = "attendee_role", length = 16, nullable = false, updatable = false)
    private AttendeeRole attendeeRole;

    @Column(name = "samples", nullable = false)
    private long samples;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "count", column = @Column(name = "rtt_count", nullable = false)),
            @AttributeOverride(name = "sum", column = @Column(name = "rtt_sum", nullable = false)),
            @AttributeOverride(name = "max", column = @Column(name = "rtt_max", nullable = false))})
    private MetricAggregate rtt = new MetricAggregate();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "count", column = @Column(name = "jitter_count", nullable = false)),
            @AttributeOverride(name = "sum", column = @Column(name = "jitter_sum", nullable = false)),
            @AttributeOverride(name = "max", column = @Column(name = "jitter_max", nullable = false))})
    private MetricAggregate jitter = new MetricAggregate();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "count", column = @Column(name = "loss_count", nullable = false)),
            @AttributeOverride(name = "sum", column = @Column(name = "loss_sum", nullable = false)),
            @AttributeOverride(name = "max", column = @Column(name = "loss_max", nullable = false))})
    private MetricAggregate loss = new MetricAggregate();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "count", column = @Column(name = "fps_count", nullable = false)),
            @AttributeOverride(name = "sum", column = @Column(name = "fps_sum", nullable = false)),
            @AttributeOverride(name = "max", column = @Column(name = "fps_max", nullable = false))})
    private MetricAggregate fps = new MetricAggregate();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "count", column = @Column(name = "bitrate_count", nullable = false)),
            @AttributeOverride(name = "sum", column = @Column(name = "bitrate_sum", nullable = false)),
            @AttributeOverride(name = "max", column = @Column(name = "bitrate_max", nullable = false))})
    private MetricAggregate bitrate = new MetricAggregate();

    /** Reports sent while the media went through the TURN relay. */
    @Column(name = "relayed_samples", nullable = false)
    private long relayedSamples;

    @Column(name = "first_at", nullable = false, updatable = false)
    private Instant firstAt;

    @Column(name = "last_at", nullable = false)
    private Instant lastAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected CallQuality() {
        // for JPA
    }

    private CallQuality(Visit visit, String attendeeId, AttendeeRole role, Instant at) {
        if (attendeeId == null || attendeeId.isBlank() || attendeeId.length() > VisitEvent.MAX_ATTENDEE_LENGTH) {
            throw new InvalidValueException("attendeeId", "The attendee id must be 1-"
                    + VisitEvent.MAX_ATTENDEE_LENGTH + " characters.");
        }
        this.id = UUID.randomUUID().toString();
        this.visitId = visit.id().toString();
        this.organizationId = visit.organizationId().toString();
        this.attendeeId = attendeeId;
        this.attendeeRole = Objects.requireNonNull(role, "role");
        this.firstAt = Objects.requireNonNull(at, "at");
        this.lastAt = at;
    }

    /** The first report of an attendee in a visit starts their aggregate. */
    public static CallQuality start(Visit visit, String attendeeId, AttendeeRole role, QualitySample first, Instant at) {
        CallQuality q = new CallQuality(Objects.requireNonNull(visit, "visit"), attendeeId, role, at);
        q.add(first, at);
        return q;
    }

    /** Adds one report to the aggregates. */
    public void add(QualitySample sample, Instant at) {
        Objects.requireNonNull(sample, "sample");
        samples++;
        rtt.add(sample.rttMs());
        jitter.add(sample.jitterMs());
        loss.add(sample.lossPercent());
        fps.add(sample.fps());
        bitrate.add(sample.bitrateKbps());
        if (sample.route() == CallRoute.RELAYED) {
            relayedSamples++;
        }
        if (at.isAfter(lastAt)) {
            lastAt = at;
        }
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public String attendeeId() {
        return attendeeId;
    }

    public AttendeeRole attendeeRole() {
        return attendeeRole;
    }

    public long samples() {
        return samples;
    }

    public long relayedSamples() {
        return relayedSamples;
    }

    public MetricAggregate rtt() {
        return rtt;
    }

    public MetricAggregate jitter() {
        return jitter;
    }

    public MetricAggregate loss() {
        return loss;
    }

    public MetricAggregate fps() {
        return fps;
    }

    public MetricAggregate bitrate() {
        return bitrate;
    }

    public Instant firstAt() {
        return firstAt;
    }

    public Instant lastAt() {
        return lastAt;
    }
}
