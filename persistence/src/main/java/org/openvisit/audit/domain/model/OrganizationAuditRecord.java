package org.openvisit.audit.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An organization's audit event, in its regional store ({@code audit_event}), with its place in the durable outbox
 * of the forwarding to the organization's own audit repository: {@code PENDING} from a due time (which a sender's
 * claim moves on by its lease, so that a crashed sender's events are taken up again), then {@code SENT}, or
 * {@code FAILED} after the last attempt.
 */
@Entity
@Table(name = "audit_event")
public class OrganizationAuditRecord extends AuditRecord {

    public static final int MAX_ERROR = 500;

    @Enumerated(EnumType.STRING)
    @Column(name = "forward_state", length = 16)
    private ForwardState forwardState;

    @Column(name = "forward_attempts", nullable = false)
    private int forwardAttempts;

    @Column(name = "forward_next_at")
    private Instant forwardNextAt;

    @Column(name = "forward_error", length = MAX_ERROR)
    private String forwardError;

    protected OrganizationAuditRecord() {
        // for JPA
    }

    private OrganizationAuditRecord(UUID id, Instant at, AuditFact fact, boolean forward) {
        super(id, at, fact);
        if (!fact.ofOrganization()) {
            throw new IllegalArgumentException("An event of no organization belongs to the installation's trail.");
        }
        if (forward) {
            this.forwardState = ForwardState.PENDING;
            this.forwardNextAt = at;
        }
    }

    /**
     * A new event with an id that names its store's region; {@code forward}: to be sent to the organization's audit
     * repository.
     */
    public static OrganizationAuditRecord of(UUID id, Instant at, AuditFact fact, boolean forward) {
        return new OrganizationAuditRecord(id, at, fact, forward);
    }

    public Optional<ForwardState> forwardState() {
        return Optional.ofNullable(forwardState);
    }

    public int forwardAttempts() {
        return forwardAttempts;
    }

    public Optional<Instant> forwardNextAt() {
        return Optional.ofNullable(forwardNextAt);
    }

    public Optional<String> forwardError() {
        return Optional.ofNullable(forwardError);
    }

    /** Whether a sender may take it now: pending and due (a claim whose lease ran out is due again). */
    public boolean isForwardDue(Instant now) {
        return forwardState == ForwardState.PENDING && forwardNextAt != null && !forwardNextAt.isAfter(now);
    }

    /** A sender takes it until {@code now + lease}; another sender may take it only after that. */
    public void claimForward(Instant now, java.time.Duration lease) {
        requirePending();
        this.forwardNextAt = now.plus(Objects.requireNonNull(lease, "lease"));
    }

    /** The repository took it. */
    public void forwarded() {
        requirePending();
        this.forwardState = ForwardState.SENT;
        this.forwardAttempts++;
        this.forwardNextAt = null;
        this.forwardError = null;
    }

    /** An attempt failed: again at {@code nextAt}, or never ({@code null}: given up, the reason kept). */
    public void forwardFailed(String error, Instant nextAt) {
        requirePending();
        this.forwardAttempts++;
        this.forwardError = AuditText.printable(error == null || error.isBlank() ? "?" : error, MAX_ERROR);
        if (nextAt == null) {
            this.forwardState = ForwardState.FAILED;
            this.forwardNextAt = null;
        } else {
            this.forwardNextAt = nextAt;
        }
    }

    private void requirePending() {
        if (forwardState != ForwardState.PENDING) {
            throw new IllegalStateException("The audit event " + id() + " is not waiting to be forwarded ("
                    + forwardState + ").");
        }
    }
}
