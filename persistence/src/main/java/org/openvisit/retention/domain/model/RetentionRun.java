package org.openvisit.retention.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What one purge deleted of one organization's data (or of launch refusals that name no organization, {@code null}):
 * visits created before {@code visitsBefore} with everything recorded about them, and launch audit rows from before
 * {@code auditBefore}. Counts and times only.
 */
public record RetentionRun(UUID organizationId, Instant ranAt, Instant visitsBefore, Instant auditBefore,
                           long visitsDeleted, long auditDeleted) {

    public RetentionRun {
        Objects.requireNonNull(ranAt, "ranAt");
        Objects.requireNonNull(visitsBefore, "visitsBefore");
        Objects.requireNonNull(auditBefore, "auditBefore");
        if (visitsDeleted < 0 || auditDeleted < 0) {
            throw new IllegalArgumentException("A purge deletes no negative number of rows.");
        }
    }

    public boolean deletedAnything() {
        return visitsDeleted > 0 || auditDeleted > 0;
    }
}
