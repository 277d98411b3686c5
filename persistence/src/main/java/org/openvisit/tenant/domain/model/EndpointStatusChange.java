package org.openvisit.tenant.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One row of a FHIR endpoint's history: which action took it from which status to which, who did it,
 * when, and why (the reason given, or what an edit changed). Rows are only ever added, never changed.
 * {@code sequence} numbers them 1, 2, 3 in the order they happened, so the order stays right even when
 * two servers' clocks differ slightly.
 */
@Entity
@Table(name = "fhir_endpoint_status_change")
public class EndpointStatusChange {

    public static final int MAX_REASON_COLUMN = 1000;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "endpoint_id", nullable = false, updatable = false)
    private FhirEndpoint endpoint;

    @Column(name = "sequence_no", nullable = false, updatable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "action", length = 32, nullable = false, updatable = false)
    private EndpointAction action;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_status", length = 24, updatable = false)
    private EndpointStatus fromStatus;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", length = 24, nullable = false, updatable = false)
    private EndpointStatus toStatus;

    @Column(name = "actor", length = PortalUsername.MAX_LENGTH * 2, nullable = false, updatable = false)
    private String actor;

    @Column(name = "changed_at", nullable = false, updatable = false)
    private Instant at;

    @Column(name = "reason", length = MAX_REASON_COLUMN, updatable = false)
    private String reason;

    protected EndpointStatusChange() {
        // for JPA
    }

    EndpointStatusChange(FhirEndpoint endpoint, int sequence, EndpointAction action, EndpointStatus from,
                         EndpointStatus to, String actor, Instant at, String reason) {
        this.id = UUID.randomUUID().toString();
        this.endpoint = endpoint;
        this.sequence = sequence;
        this.action = action;
        this.fromStatus = from;
        this.toStatus = to;
        this.actor = actor;
        this.at = at;
        this.reason = reason;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public FhirEndpoint endpoint() {
        return endpoint;
    }

    /** 1 for the creation, then one more for every change. */
    public int sequence() {
        return sequence;
    }

    public EndpointAction action() {
        return action;
    }

    /** The status before; empty for the creation. */
    public Optional<EndpointStatus> from() {
        return Optional.ofNullable(fromStatus);
    }

    public EndpointStatus to() {
        return toStatus;
    }

    /** The portal username of who did it. */
    public String actor() {
        return actor;
    }

    public Instant at() {
        return at;
    }

    /** The reason given (reject, withdraw), what an edit changed, or the EHR user of a verification. */
    public Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
