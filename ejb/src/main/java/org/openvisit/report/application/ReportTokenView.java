package org.openvisit.report.application;

import org.openvisit.report.domain.model.ReportToken;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A reports token as its administrator sees it in the list: never the token itself. */
public record ReportTokenView(UUID id, String name, UUID organizationId, List<String> roles, Instant createdAt,
                              Instant expiresAt, boolean revoked) implements java.io.Serializable {

    static ReportTokenView of(ReportToken t) {
        return new ReportTokenView(t.id(), t.name(), t.organizationId(), List.copyOf(t.roles()), t.createdAt(),
                t.expiresAt(), t.revoked());
    }

    /** Whether it still lets requests in at {@code at}. */
    public boolean usableAt(Instant at) {
        return !revoked && at.isBefore(expiresAt);
    }
}
