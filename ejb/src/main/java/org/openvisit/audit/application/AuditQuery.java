package org.openvisit.audit.application;

import org.openvisit.audit.domain.model.AuditFilter;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What a reader asks of an audit trail: the trail ({@code organizationId}; {@code null}: the installation's own, for
 * operators), a period (from inclusive, to exclusive, at most {@link #MAX_PERIOD}), kinds (empty: any), an actor (a
 * username or EHR user id; blank: anyone) and an outcome ({@code null}: any).
 */
public record AuditQuery(UUID organizationId, Instant from, Instant to, Set<AuditKind> kinds, String actor,
                         AuditOutcome outcome) implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Duration MAX_PERIOD = Duration.ofDays(3660);
    public static final int MAX_ACTOR = 255;

    public AuditQuery {
        if (from == null || to == null) {
            throw new InvalidValueException("period", "Choose the first and the last day.").worded("range.bothDays");
        }
        if (!from.isBefore(to)) {
            throw new InvalidValueException("period", "The last day must not come before the first.")
                    .worded("range.backwards");
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw new InvalidValueException("period", "A search covers at most ten years.").worded("range.auditTooLong");
        }
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        actor = actor == null || actor.isBlank() ? null : actor.strip();
        if (actor != null && actor.length() > MAX_ACTOR) {
            throw new InvalidValueException("user", "A user is named by at most " + MAX_ACTOR + " characters.")
                    .worded("audit.userLength", MAX_ACTOR);
        }
    }

    AuditFilter filter() {
        return new AuditFilter(organizationId, from, to, kinds, actor, outcome);
    }
}
