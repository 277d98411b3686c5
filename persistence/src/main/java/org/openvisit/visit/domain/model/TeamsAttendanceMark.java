package org.openvisit.visit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One edge of a Teams attendance interval (a join or a leave) already recorded as a visit event, by a one-way key
 * (SHA-256, hex) of the visit, the attendee's Graph id, the join time and the edge: a report read again finds its
 * marks and records nothing twice.
 */
@Entity
@Table(name = "teams_attendance_mark")
public class TeamsAttendanceMark {

    @Id
    @Column(name = "mark_key", length = 64, nullable = false, updatable = false)
    private String key;

    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "organization_id", length = 36, nullable = false, updatable = false)
    private String organizationId;

    @Column(name = "marked_at", nullable = false, updatable = false)
    private Instant markedAt;

    protected TeamsAttendanceMark() {
        // for JPA
    }

    public TeamsAttendanceMark(String key, UUID visitId, UUID organizationId, Instant at) {
        if (key == null || !key.matches("[0-9a-f]{64}")) {
            throw new InvalidValueException("key", "An attendance mark is a SHA-256 in hex.");
        }
        this.key = key;
        this.visitId = Objects.requireNonNull(visitId, "visitId").toString();
        this.organizationId = Objects.requireNonNull(organizationId, "organizationId").toString();
        this.markedAt = Objects.requireNonNull(at, "at");
    }

    public String key() {
        return key;
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public Instant markedAt() {
        return markedAt;
    }
}
