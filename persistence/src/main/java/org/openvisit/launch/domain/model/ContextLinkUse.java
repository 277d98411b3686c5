package org.openvisit.launch.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A context link that has been used, known by the SHA-256 of its bytes and kept until it expires:
 * the primary key is what refuses a second use, on any node.
 */
@Entity
@Table(name = "context_link_use")
public class ContextLinkUse {

    @Id
    @Column(name = "token_digest", length = 64, nullable = false, updatable = false)
    private String tokenDigest;

    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "expires_at", nullable = false, updatable = false)
    private Instant expiresAt;

    protected ContextLinkUse() {
        // for JPA
    }

    public ContextLinkUse(String tokenDigest, UUID endpointId, Instant expiresAt) {
        if (tokenDigest == null || !tokenDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A token digest is 64 lower-case hex digits.");
        }
        this.tokenDigest = tokenDigest;
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId").toString();
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public String tokenDigest() {
        return tokenDigest;
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
