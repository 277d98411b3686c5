package org.openvisit.visit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The join link of someone a clinician removed from a visit, known by the link's random id: refused on any
 * browser until it could no longer be valid anyway. The clinician invites again with a new link.
 */
@Entity
@Table(name = "revoked_join_link")
public class RevokedJoinLink {

    @Id
    @Column(name = "link_id", length = 36, nullable = false, updatable = false)
    private String linkId;

    @Column(name = "visit_id", length = 36, nullable = false, updatable = false)
    private String visitId;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected RevokedJoinLink() {
        // for JPA
    }

    public RevokedJoinLink(String linkId, UUID visitId, Instant expiresAt) {
        if (linkId == null || linkId.isBlank() || linkId.length() > 36) {
            throw new IllegalArgumentException("A join link id is 1 to 36 characters.");
        }
        this.linkId = linkId;
        this.visitId = Objects.requireNonNull(visitId, "visitId").toString();
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String linkId() {
        return linkId;
    }

    public UUID visitId() {
        return UUID.fromString(visitId);
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
