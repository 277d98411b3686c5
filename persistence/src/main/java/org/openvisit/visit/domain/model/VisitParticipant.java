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
import java.util.UUID;

/**
 * A clinician who launched a visit, by their EHR user id (the only person identifier OpenVisit
 * keeps), with their role and the time of their first launch. One row per visit and user.
 */
@Entity
@Table(name = "visit_participant")
@NamedQuery(name = VisitParticipant.OF_VISIT,
        query = "select p from VisitParticipant p where p.visitId = :visit order by p.firstLaunchAt, p.ehrUserId")
public class VisitParticipant {

    public static final String OF_VISIT = "VisitParticipant.ofVisit";
    public static final int MAX_EHR_USER_ID_LENGTH = 255;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "ehr_user_id", length = MAX_EHR_USER_ID_LENGTH, nullable = false, updatable = false)
    private String ehrUserId;

    @Enumerated(EnumType.STRING)
    @Column(name = "role", length = 16, nullable = false, updatable = false)
    private ParticipantRole role;

    @Column(name = "first_launch_at", nullable = false, updatable = false)
    private Instant firstLaunchAt;

    protected VisitParticipant() {
        // for JPA
    }

    VisitParticipant(UUID visitId, String ehrUserId, ParticipantRole role, Instant firstLaunchAt) {
        if (ehrUserId == null || ehrUserId.isBlank()) {
            throw new InvalidValueException("ehrUserId", "The launch names no EHR user.");
        }
        if (ehrUserId.strip().length() > MAX_EHR_USER_ID_LENGTH) {
            throw new InvalidValueException("ehrUserId", "The EHR user id is longer than " + MAX_EHR_USER_ID_LENGTH
                    + " characters.");
        }
        this.id = UUID.randomUUID().toString();
        this.visitId = Objects.requireNonNull(visitId, "visitId").toString();
        this.ehrUserId = ehrUserId.strip();
        this.role = Objects.requireNonNull(role, "role");
        this.firstLaunchAt = Objects.requireNonNull(firstLaunchAt, "firstLaunchAt");
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public String ehrUserId() {
        return ehrUserId;
    }

    public ParticipantRole role() {
        return role;
    }

    public Instant firstLaunchAt() {
        return firstLaunchAt;
    }
}
