package org.openvisit.audit.application;

import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditRecord;
import org.openvisit.audit.domain.model.ForwardState;
import org.openvisit.audit.domain.model.OrganizationAuditRecord;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/**
 * A recorded audit event as the portal, the exports and the forwarding read it; {@code forwardState} is {@code null}
 * when it is not forwarded (or is the installation's).
 */
public record AuditEntry(UUID id, Instant recordedAt, AuditFact fact, ForwardState forwardState)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    public static AuditEntry of(AuditRecord record) {
        ForwardState state = record instanceof OrganizationAuditRecord o ? o.forwardState().orElse(null) : null;
        return new AuditEntry(record.id(), record.recordedAt(), record.fact(), state);
    }
}
