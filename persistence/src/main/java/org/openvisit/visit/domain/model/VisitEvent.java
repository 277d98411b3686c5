package org.openvisit.visit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One thing that happened in a visit, numbered in the visit's own order (1, 2, 3 ...). The attendee
 * is an opaque id that OpenVisit made for this visit, never a person identifier; the detail is a
 * short plain-words note (a device test result), never patient data. Made only by
 * {@link Visit#recordEvent}, which keeps the numbering and the visit's status in step.
 */
@Entity
@Table(name = "visit_event")
@NamedQuery(name = VisitEvent.OF_VISIT,
        query = "select e from VisitEvent e where e.visitId = :visit order by e.sequence")
public class VisitEvent {

    public static final String OF_VISIT = "VisitEvent.ofVisit";
    public static final int MAX_DETAIL_LENGTH = 500;
    public static final int MAX_ATTENDEE_LENGTH = 64;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "sequence_no", nullable = false, updatable = false)
    private long sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "event_type", length = 24, nullable = false, updatable = false)
    private VisitEventType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "attendee_role", length = 16, updatable = false)
    private AttendeeRole attendeeRole;

    @Column(name = "attendee_id", length = MAX_ATTENDEE_LENGTH, updatable = false)
    private String attendeeId;

    @Column(name = "detail", length = MAX_DETAIL_LENGTH, updatable = false)
    private String detail;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    protected VisitEvent() {
        // for JPA
    }

    VisitEvent(Visit visit, long sequence, VisitEventType type, AttendeeRole role, String attendeeId, String detail,
               Instant at) {
        if (attendeeId != null && (attendeeId.isBlank() || attendeeId.length() > MAX_ATTENDEE_LENGTH)) {
            throw new InvalidValueException("attendeeId", "The attendee id must be 1-" + MAX_ATTENDEE_LENGTH
                    + " characters.");
        }
        this.id = UUID.randomUUID().toString();
        this.visitId = visit.id().toString();
        this.endpointId = visit.endpointId().toString();
        this.organizationId = visit.organizationId().toString();
        this.sequence = sequence;
        this.type = Objects.requireNonNull(type, "type");
        this.attendeeRole = role;
        this.attendeeId = attendeeId;
        this.detail = clean(detail);
        this.occurredAt = Objects.requireNonNull(at, "at");
    }

    private static String clean(String detail) {
        if (detail == null || detail.isBlank()) {
            return null;
        }
        String d = detail.replaceAll("\\p{Cntrl}", " ").strip();
        return d.length() > MAX_DETAIL_LENGTH ? d.substring(0, MAX_DETAIL_LENGTH) : d;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public UUID organizationId() {
        return UUID.fromString(organizationId);
    }

    public long sequence() {
        return sequence;
    }

    public VisitEventType type() {
        return type;
    }

    public Optional<AttendeeRole> attendeeRole() {
        return Optional.ofNullable(attendeeRole);
    }

    public Optional<String> attendeeId() {
        return Optional.ofNullable(attendeeId);
    }

    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    public Instant occurredAt() {
        return occurredAt;
    }
}
