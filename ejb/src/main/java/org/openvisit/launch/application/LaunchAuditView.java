package org.openvisit.launch.application;

import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.launch.domain.model.LaunchOutcome;

import java.time.Instant;
import java.util.UUID;

/** One row of the launch audit log; unknown parts are {@code null}. */
public record LaunchAuditView(UUID id, Instant occurredAt, UUID endpointId, UUID organizationId, String issuer,
                              String ehrUserId, UUID visitId, LaunchOutcome outcome, String reasonCode, String reason) {

    static LaunchAuditView of(LaunchAuditEntry e) {
        return new LaunchAuditView(e.id(), e.occurredAt(), e.endpointId().orElse(null),
                e.organizationId().orElse(null), e.issuer().orElse(null), e.ehrUserId().orElse(null),
                e.visitId().orElse(null), e.outcome(), e.reasonCode(), e.reason());
    }
}
