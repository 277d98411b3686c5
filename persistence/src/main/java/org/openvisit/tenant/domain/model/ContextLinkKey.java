package org.openvisit.tenant.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A key an EHR encrypts its context links with, for one FHIR endpoint. The key material is held
 * only sealed by the installation's master key; the key id travels with each link so that a
 * rotated key's links can be told apart. A retired key opens nothing any more.
 */
@Entity
@Table(name = "context_link_key")
@NamedQuery(name = ContextLinkKey.ACTIVE_FOR_ENDPOINT,
        query = "select k from ContextLinkKey k where k.endpointId = :endpoint and k.retiredAt is null")
@NamedQuery(name = ContextLinkKey.BY_KEY_ID, query = "select k from ContextLinkKey k where k.keyId = :keyId")
public class ContextLinkKey {

    public static final String ACTIVE_FOR_ENDPOINT = "ContextLinkKey.activeForEndpoint";
    public static final String BY_KEY_ID = "ContextLinkKey.byKeyId";

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "endpoint_id", length = 36, nullable = false, updatable = false)
    private String endpointId;

    @Column(name = "key_id", length = 64, nullable = false, updatable = false, unique = true)
    private String keyId;

    @Column(name = "sealed_key", length = 512, nullable = false, updatable = false)
    private String sealedKey;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "created_by", length = 508, nullable = false, updatable = false)
    private String createdBy;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected ContextLinkKey() {
        // for JPA
    }

    public ContextLinkKey(UUID endpointId, String keyId, String sealedKey, String createdBy, Instant createdAt) {
        this.id = UUID.randomUUID().toString();
        this.endpointId = Objects.requireNonNull(endpointId, "endpointId").toString();
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.sealedKey = Objects.requireNonNull(sealedKey, "sealedKey");
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Takes the key out of use; links encrypted with it are refused from now on. */
    public void retire(Instant at) {
        if (retiredAt == null) {
            retiredAt = Objects.requireNonNull(at, "at");
        }
    }

    public boolean isActive() {
        return retiredAt == null;
    }

    public UUID endpointId() {
        return UUID.fromString(endpointId);
    }

    public String keyId() {
        return keyId;
    }

    public String sealedKey() {
        return sealedKey;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public String createdBy() {
        return createdBy;
    }

    public Optional<Instant> retiredAt() {
        return Optional.ofNullable(retiredAt);
    }
}
