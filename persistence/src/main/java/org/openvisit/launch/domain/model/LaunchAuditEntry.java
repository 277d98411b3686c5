package org.openvisit.launch.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One launch, accepted or refused: when, through which endpoint (when known), the issuer as the EHR
 * gave it (shortened), the EHR user (when known), the visit it opened, and why. Nothing else: no
 * token, code, state, patient or appointment id ever goes in here.
 */
@Entity
@Table(name = "launch_audit")
@NamedQuery(name = LaunchAuditEntry.OF_ORGANIZATION,
        query = "select a from LaunchAuditEntry a where a.organizationId = :organization order by a.occurredAt desc, a.id")
@NamedQuery(name = LaunchAuditEntry.RECENT, query = "select a from LaunchAuditEntry a order by a.occurredAt desc, a.id")
public class LaunchAuditEntry {

    public static final String OF_ORGANIZATION = "LaunchAuditEntry.ofOrganization";
    public static final String RECENT = "LaunchAuditEntry.recent";
    public static final int MAX_ISSUER_LENGTH = 500;
    public static final int MAX_EHR_USER_ID_LENGTH = 255;
    public static final int MAX_REASON_CODE_LENGTH = 64;
    public static final int MAX_REASON_LENGTH = 500;

    @Id
    @Column(name = "id", length = 36, nullable = false, updatable = false)
    private String id;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    private Instant occurredAt;

    @Column(name = "endpoint_id", length = 36, updatable = false)
    private String endpointId;

    @Column(name = "organization_id", length = 36, updatable = false)
    private String organizationId;

    @Column(name = "issuer", length = MAX_ISSUER_LENGTH, updatable = false)
    private String issuer;

    @Column(name = "ehr_user_id", length = MAX_EHR_USER_ID_LENGTH, updatable = false)
    private String ehrUserId;

    @Column(name = "visit_id", length = 36, updatable = false)
    private String visitId;

    @Enumerated(EnumType.STRING)
    @Column(name = "outcome", length = 16, nullable = false, updatable = false)
    private LaunchOutcome outcome;

    @Column(name = "reason_code", length = MAX_REASON_CODE_LENGTH, nullable = false, updatable = false)
    private String reasonCode;

    @Column(name = "reason", length = MAX_REASON_LENGTH, nullable = false, updatable = false)
    private String reason;

    protected LaunchAuditEntry() {
        // for JPA
    }

    private LaunchAuditEntry(Instant at, LaunchOutcome outcome, String reasonCode, String reason) {
        this.id = UUID.randomUUID().toString();
        this.occurredAt = Objects.requireNonNull(at, "at");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.reasonCode = cut(Objects.requireNonNull(reasonCode, "reasonCode"), MAX_REASON_CODE_LENGTH);
        this.reason = cut(Objects.requireNonNull(reason, "reason"), MAX_REASON_LENGTH);
    }

    /** A launch that opened (or reopened) a visit. */
    public static LaunchAuditEntry accepted(Instant at, String issuer, UUID endpointId, UUID organizationId,
                                            String ehrUserId, UUID visitId, String reasonCode, String reason) {
        LaunchAuditEntry e = new LaunchAuditEntry(at, LaunchOutcome.ACCEPTED, reasonCode, reason);
        e.about(issuer, endpointId, organizationId, ehrUserId);
        e.visitId = Objects.requireNonNull(visitId, "visitId").toString();
        return e;
    }

    /** A refused launch; the endpoint, organization and user are null when they were not known. */
    public static LaunchAuditEntry refused(Instant at, String issuer, UUID endpointId, UUID organizationId,
                                           String ehrUserId, String reasonCode, String reason) {
        LaunchAuditEntry e = new LaunchAuditEntry(at, LaunchOutcome.REFUSED, reasonCode, reason);
        e.about(issuer, endpointId, organizationId, ehrUserId);
        return e;
    }

    private void about(String issuer, UUID endpointId, UUID organizationId, String ehrUserId) {
        this.issuer = issuer == null ? null : cut(printable(issuer), MAX_ISSUER_LENGTH);
        this.endpointId = endpointId == null ? null : endpointId.toString();
        this.organizationId = organizationId == null ? null : organizationId.toString();
        this.ehrUserId = ehrUserId == null || ehrUserId.isBlank() ? null
                : cut(printable(ehrUserId.strip()), MAX_EHR_USER_ID_LENGTH);
    }

    /** Control characters (a forged issuer with line breaks) are replaced, so a reader is never misled. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return b.toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Optional<UUID> endpointId() {
        return Optional.ofNullable(endpointId).map(UUID::fromString);
    }

    public Optional<UUID> organizationId() {
        return Optional.ofNullable(organizationId).map(UUID::fromString);
    }

    public Optional<String> issuer() {
        return Optional.ofNullable(issuer);
    }

    public Optional<String> ehrUserId() {
        return Optional.ofNullable(ehrUserId);
    }

    public Optional<UUID> visitId() {
        return Optional.ofNullable(visitId).map(UUID::fromString);
    }

    public LaunchOutcome outcome() {
        return outcome;
    }

    public String reasonCode() {
        return reasonCode;
    }

    public String reason() {
        return reason;
    }
}
