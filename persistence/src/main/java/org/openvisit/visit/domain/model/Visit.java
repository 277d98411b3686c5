package org.openvisit.visit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openvisit.tenant.domain.model.DataRegion;

/**
 * A virtual visit: one per FHIR endpoint and appointment (or conference, for group visits). The
 * appointment is known only by its keyed hash; the database refuses a second visit with the same
 * endpoint and hash, which is what keeps concurrent launches to one visit. The visit holds its
 * meeting once the meeting platform made it, and guards its status transitions.
 */
@Entity
@Table(name = "visit")
@NamedQuery(name = Visit.BY_KEY,
        query = "select v from Visit v where v.endpointId = :endpoint and v.appointmentHash = :hash")
public class Visit {

    public static final String BY_KEY = "Visit.byKey";
    public static final int MAX_DEPARTMENT_LENGTH = 255;
    /** The longest department display name kept (column department_name). */
    public static final int MAX_DEPARTMENT_NAME = 100;
    public static final int MAX_EHR_CONTEXT_LENGTH = 2000;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "key_kind", length = 16, nullable = false, updatable = false)
    private VisitKeyKind keyKind;

    @Column(name = "appointment_hash", length = 64, nullable = false, updatable = false)
    private String appointmentHash;

    @Column(name = "department_id", length = MAX_DEPARTMENT_LENGTH)
    private String departmentId;

    /** The department's display name from the EHR ({@code Location.name}), {@code null} when not read. */
    @Column(name = "department_name", length = MAX_DEPARTMENT_NAME * 2)
    private String departmentName;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", length = 16, nullable = false)
    private VisitStatus status;

    @Column(name = "meeting_platform", length = 32)
    private String meetingPlatform;

    @Column(name = "meeting_id", length = 2048)
    private String meetingId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "ended_at")
    private Instant endedAt;

    @Column(name = "event_count", nullable = false)
    private long eventCount;

    @Column(name = "appointment_start")
    private Instant appointmentStart;

    @Column(name = "appointment_end")
    private Instant appointmentEnd;

    /**
     * The EHR's references for write-back (appointment, encounter), sealed under the master key by
     * the application; kept only while write-back may need them, then forgotten.
     */
    @Column(name = "ehr_context", length = MAX_EHR_CONTEXT_LENGTH)
    private String ehrContext;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected Visit() {
        // for JPA
    }

    private Visit(UUID endpointId, UUID organizationId, DataRegion region, VisitKeyKind keyKind, AppointmentHash hash,
                  String departmentId, Instant createdAt) {
        this.id = Objects.requireNonNull(region, "region").newRecordId().toString();
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId").toString();
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        this.keyKind = Objects.requireNonNull(keyKind, "keyKind");
        this.appointmentHash = Objects.requireNonNull(hash, "hash").value();
        this.departmentId = department(departmentId);
        this.status = VisitStatus.SCHEDULED;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A new visit for an endpoint's appointment (or conference), known by the hash of its id, in the organization's
     * region (its id names that region: see {@link DataRegion#newRecordId()}).
     */
    public static Visit schedule(UUID endpointId, UUID organizationId, DataRegion region, VisitKeyKind keyKind,
                                 AppointmentHash hash, String departmentId, Instant at) {
        return new Visit(endpointId, organizationId, region, keyKind, hash, departmentId, at);
    }

    private static String department(String departmentId) {
        if (departmentId == null || departmentId.isBlank()) {
            return null;
        }
        String d = departmentId.strip();
        return d.length() > MAX_DEPARTMENT_LENGTH ? d.substring(0, MAX_DEPARTMENT_LENGTH) : d;
    }

    /** Records the meeting the platform made for this visit; the same meeting again changes nothing. */
    public void attachMeeting(MeetingRef meeting) {
        Objects.requireNonNull(meeting, "meeting");
        if (meetingId != null) {
            if (!meeting().orElseThrow().equals(meeting)) {
                throw new IllegalStateException("This visit already has another meeting.");
            }
            return;
        }
        meetingPlatform = meeting.platform();
        meetingId = meeting.meetingId();
    }

    /** Someone joined the call: the visit is in progress. */
    public void start(Instant at) {
        if (!status.canStart()) {
            throw new IllegalVisitTransitionException(status, "started");
        }
        status = VisitStatus.IN_PROGRESS;
        Objects.requireNonNull(at, "at");
        if (startedAt == null) { // a visit started again keeps its first start
            startedAt = at;
        }
    }

    /**
     * A clinician starts an ended visit again: it is open and no longer has an end; IN_PROGRESS with its first start
     * kept when it had started, SCHEDULED when nobody had ever joined its call (the table's check keeps a start only
     * on a visit that started). Only through {@link #recordEvent} with {@link VisitEventType#VISIT_RESTARTED}, so
     * that the event stream is the transition's history.
     */
    private void restart() {
        if (!status.canRestart()) {
            throw new IllegalVisitTransitionException(status, "started again");
        }
        status = startedAt == null ? VisitStatus.SCHEDULED : VisitStatus.IN_PROGRESS;
        endedAt = null;
    }

    /** The visit is over; only a clinician's {@link VisitEventType#VISIT_RESTARTED} opens it again. */
    public void end(Instant at) {
        if (!status.canEnd()) {
            throw new IllegalVisitTransitionException(status, "ended");
        }
        status = VisitStatus.ENDED;
        endedAt = Objects.requireNonNull(at, "at");
    }

    /**
     * Records what happened, numbered after the visit's earlier events, and moves the visit along:
     * the first connection starts it, {@link VisitEventType#VISIT_ENDED} ends it,
     * {@link VisitEventType#VISIT_RESTARTED} opens an ended one again. After the end only departures
     * (disconnected, left) and the restart are still recorded, since connections close as the visit ends, and a
     * connection made before the end that a meeting platform reports only afterwards (Teams' attendance reports come
     * once a meeting is over): it leaves the visit ended and counts as its start when it is the earliest.
     *
     * @param role       who did it, or {@code null} for the visit itself
     * @param attendeeId the opaque id OpenVisit gave that attendee in this visit, or {@code null}
     * @throws IllegalVisitTransitionException the visit has ended and this is not a departure or a restart, or a
     *                                         restart of a visit that has not ended
     */
    public VisitEvent recordEvent(VisitEventType type, AttendeeRole role, String attendeeId, String detail, Instant at) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        boolean departure = type == VisitEventType.DISCONNECTED || type == VisitEventType.LEFT;
        boolean lateConnection = status == VisitStatus.ENDED && type == VisitEventType.CONNECTED && endedAt != null
                && at.isBefore(endedAt);
        if (type == VisitEventType.VISIT_RESTARTED) {
            restart();
        } else if (status == VisitStatus.ENDED && !departure && !lateConnection) {
            throw new IllegalVisitTransitionException(status, "given a " + type + " event");
        }
        if (type == VisitEventType.CONNECTED && status.canStart()) {
            start(at);
        } else if (lateConnection && (startedAt == null || at.isBefore(startedAt))) {
            startedAt = at; // reported late by the meeting platform: the visit stays ended, but it did start
        } else if (type == VisitEventType.VISIT_ENDED) {
            end(at);
        }
        eventCount++;
        return new VisitEvent(this, eventCount, type, role, attendeeId, detail, at);
    }

    /**
     * Keeps the EHR's sealed references for write-back, from the first launch that brings them (later
     * launches of the same appointment bring the same references). A launch of an ended visit whose references were
     * forgotten brings them back, so that a restart can write back; while the visit stays ended, the write-back
     * sweep forgets them again.
     *
     * @return whether they were taken (false: the visit has references already)
     */
    public boolean rememberEhrContext(String sealedContext) {
        if (sealedContext != null && sealedContext.length() > MAX_EHR_CONTEXT_LENGTH) {
            throw new IllegalArgumentException("The sealed EHR context is longer than " + MAX_EHR_CONTEXT_LENGTH);
        }
        if (sealedContext == null || ehrContext != null) {
            return false;
        }
        ehrContext = sealedContext;
        return true;
    }

    /**
     * Takes the booked time of the appointment from the EHR, once: the first launch that could read it
     * sets it. A start without an end is taken; an end before the start is not.
     *
     * @return whether it was taken (false: known already, no start, or an end before the start)
     */
    public boolean bookedFor(Instant start, Instant end) {
        if (appointmentStart != null || start == null || (end != null && end.isBefore(start))) {
            return false;
        }
        appointmentStart = start;
        appointmentEnd = end;
        return true;
    }

    public Optional<Instant> appointmentStart() {
        return Optional.ofNullable(appointmentStart);
    }

    public Optional<Instant> appointmentEnd() {
        return Optional.ofNullable(appointmentEnd);
    }

    /** Forgets the EHR's references: write-back is done with them. */
    public void forgetEhrContext() {
        ehrContext = null;
    }

    public Optional<String> sealedEhrContext() {
        return Optional.ofNullable(ehrContext);
    }

    public long eventCount() {
        return eventCount;
    }

    /** A clinician's first launch of this visit. */
    public VisitParticipant participant(String ehrUserId, ParticipantRole role, Instant at) {
        return new VisitParticipant(id(), ehrUserId, role, at);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public VisitKeyKind keyKind() {
        return keyKind;
    }

    public AppointmentHash appointmentHash() {
        return new AppointmentHash(appointmentHash);
    }

    public Optional<String> departmentId() {
        return Optional.ofNullable(departmentId);
    }

    /**
     * The department's display name as the EHR calls it ({@code Location.name}, read at a launch): printable, at most
     * {@value #MAX_DEPARTMENT_NAME} characters (longer is cut); a blank name changes nothing. Only for a visit that has
     * a department. Answers whether it changed.
     */
    public boolean nameDepartment(String name) {
        if (departmentId == null || name == null) {
            return false;
        }
        String clean = name.replaceAll("\\p{Cntrl}", " ").strip();
        if (clean.isEmpty()) {
            return false;
        }
        if (clean.codePointCount(0, clean.length()) > MAX_DEPARTMENT_NAME) {
            clean = clean.substring(0, clean.offsetByCodePoints(0, MAX_DEPARTMENT_NAME));
        }
        if (clean.equals(departmentName)) {
            return false;
        }
        departmentName = clean;
        return true;
    }

    /** The department's display name from the EHR, when it was read. */
    public Optional<String> departmentName() {
        return Optional.ofNullable(departmentName);
    }

    public VisitStatus status() {
        return status;
    }

    public Optional<MeetingRef> meeting() {
        return meetingId == null ? Optional.empty() : Optional.of(new MeetingRef(meetingPlatform, meetingId));
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Optional<Instant> startedAt() {
        return Optional.ofNullable(startedAt);
    }

    public Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    public long version() {
        return version;
    }
}
