package org.openvisit.audit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored audit event: the columns both stores share (the regional {@code audit_event}, the global
 * {@code installation_audit_event}). Written once, never changed (the forwarding state of a regional row aside).
 */
@MappedSuperclass
public abstract class AuditRecord {

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    @Column(name = "organization_id", length = 36, updatable = false)
    private String organizationId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 32, nullable = false, updatable = false)
    private AuditKind kind;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", length = 16, nullable = false, updatable = false)
    private AuditOutcome outcome;

    @Enumerated(EnumType.STRING)
    @Column(name = "actor_type", length = 16, nullable = false, updatable = false)
    private ActorType actorType;

    @Column(name = "actor_id", length = AuditActor.MAX_ID, updatable = false)
    private String actorId;

    @Column(name = "source_address", length = AuditFact.MAX_ADDRESS, updatable = false)
    private String sourceAddress;

    @Column(name = "visit_id", length = 36, updatable = false)
    private String visitId;

    @Column(name = "endpoint_id", length = 36, updatable = false)
    private String endpointId;

    @Column(name = "detail", length = AuditFact.MAX_DETAIL, updatable = false)
    private String detail;

    protected AuditRecord() {
        // for JPA
    }

    protected AuditRecord(UUID id, Instant at, AuditFact fact) {
        this.id = Objects.requireNonNull(id, "id").toString();
        this.recordedAt = Objects.requireNonNull(at, "at");
        this.kind = fact.kind();
        this.outcome = fact.outcome();
        this.actorType = fact.actor().type();
        this.actorId = fact.actor().id();
        this.organizationId = fact.organizationId() == null ? null : fact.organizationId().toString();
        this.visitId = fact.visitId() == null ? null : fact.visitId().toString();
        this.endpointId = fact.endpointId() == null ? null : fact.endpointId().toString();
        this.sourceAddress = fact.sourceAddress();
        this.detail = fact.detail();
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    /** What was recorded, as the service described it. */
    public AuditFact fact() {
        return new AuditFact(kind, outcome, new AuditActor(actorType, actorId),
                organizationId == null ? null : UUID.fromString(organizationId),
                visitId == null ? null : UUID.fromString(visitId),
                endpointId == null ? null : UUID.fromString(endpointId), sourceAddress, detail);
    }

    public Optional<UUID> organizationId() {
        return Optional.ofNullable(organizationId).map(UUID::fromString);
    }

    public Optional<UUID> visitId() {
        return Optional.ofNullable(visitId).map(UUID::fromString);
    }
}
