package org.openvisit.audit.domain.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Which events a search wants: of one organization ({@code null} in the installation's trail: all of it), recorded
 * from {@code from} (inclusive) to {@code to} (exclusive), of these kinds (empty: any), by this actor (their username
 * or EHR user id, ignoring case; {@code null}: anyone), with this outcome ({@code null}: any).
 */
public record AuditFilter(UUID organizationId, Instant from, Instant to, Set<AuditKind> kinds, String actor,
                          AuditOutcome outcome) {

    public AuditFilter {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("The period must end after it starts.");
        }
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        actor = actor == null || actor.isBlank() ? null : actor.strip();
    }
}
