package org.openvisit.audit.domain.model;

import java.util.Objects;
import java.util.UUID;

/**
 * One thing to record, as the service where it happened describes it: the kind, how it ended, who acted, for which
 * organization ({@code null}: the installation itself), about which visit and endpoint (each optional), from which
 * address (sign-ins only: the address the sign-in throttle counts) and a few plain words ({@code detail}, never
 * patient data, tokens or phone numbers: callers pass only what they built from OpenVisit's own values).
 */
public record AuditFact(AuditKind kind, AuditOutcome outcome, AuditActor actor, UUID organizationId, UUID visitId,
                        UUID endpointId, String sourceAddress, String detail) implements java.io.Serializable {

    public static final int MAX_ADDRESS = 64;
    public static final int MAX_DETAIL = 500;

    public AuditFact {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(actor, "actor");
        sourceAddress = sourceAddress == null || sourceAddress.isBlank() ? null
                : AuditText.printable(sourceAddress.strip(), MAX_ADDRESS);
        if (sourceAddress != null && kind != AuditKind.SIGN_IN) {
            throw new IllegalArgumentException("Only sign-ins keep the address they came from.");
        }
        detail = detail == null || detail.isBlank() ? null : AuditText.printable(detail.strip(), MAX_DETAIL);
    }

    /** A successful action of {@code actor}, of no organization, visit or endpoint yet (see the {@code with…}s). */
    public static AuditFact of(AuditKind kind, AuditActor actor) {
        return new AuditFact(kind, AuditOutcome.SUCCESS, actor, null, null, null, null, null);
    }

    public AuditFact withOutcome(AuditOutcome newOutcome) {
        return new AuditFact(kind, newOutcome, actor, organizationId, visitId, endpointId, sourceAddress, detail);
    }

    public AuditFact withOrganization(UUID organization) {
        return new AuditFact(kind, outcome, actor, organization, visitId, endpointId, sourceAddress, detail);
    }

    public AuditFact withVisit(UUID visit) {
        return new AuditFact(kind, outcome, actor, organizationId, visit, endpointId, sourceAddress, detail);
    }

    public AuditFact withEndpoint(UUID endpoint) {
        return new AuditFact(kind, outcome, actor, organizationId, visitId, endpoint, sourceAddress, detail);
    }

    public AuditFact withSourceAddress(String address) {
        return new AuditFact(kind, outcome, actor, organizationId, visitId, endpointId, address, detail);
    }

    public AuditFact withDetail(String words) {
        return new AuditFact(kind, outcome, actor, organizationId, visitId, endpointId, sourceAddress, words);
    }

    /** Whether it belongs to an organization (its regional store) rather than the installation (the global store). */
    public boolean ofOrganization() {
        return organizationId != null;
    }
}
