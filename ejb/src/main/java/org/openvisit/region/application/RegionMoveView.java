package org.openvisit.region.application;

import org.openvisit.region.domain.model.RegionMove;
import org.openvisit.region.domain.model.RegionMoveState;
import org.openvisit.tenant.domain.model.DataRegion;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A move of an organization to another region, as operators see it: where it stands, the node working on it and until
 * when it holds the move (null when none does), its steps and its checks.
 */
public record RegionMoveView(UUID id, UUID organizationId, DataRegion from, DataRegion to, RegionMoveState state,
                             String requestedBy, Instant requestedAt, Instant updatedAt, String reason,
                             String lastError, String worker, Instant leaseUntil, List<Step> history,
                             List<Table> tables) implements Serializable {

    /** One transition: from which state to which, by whom (an operator or a node), when, and what it found. */
    public record Step(RegionMoveState from, RegionMoveState to, String actor, Instant at, String detail)
            implements Serializable {
    }

    /** One regional table as the verification saw it in both regions. */
    public record Table(String table, long sourceRows, long targetRows, String sourceChecksum, String targetChecksum,
                        boolean matches) implements Serializable {
    }

    public static RegionMoveView of(RegionMove m) {
        return new RegionMoveView(m.id(), m.organizationId(), m.from(), m.to(), m.state(), m.requestedBy(),
                m.requestedAt(), m.updatedAt(), m.reason().orElse(null), m.lastError().orElse(null),
                m.worker().orElse(null), m.leaseUntil().orElse(null),
                m.history().stream().map(s -> new Step(s.from(), s.to(), s.actor(), s.at(), s.detail())).toList(),
                m.checks().stream().map(c -> new Table(c.table(), c.sourceRows(), c.targetRows(), c.sourceChecksum(),
                        c.targetChecksum(), c.matches())).toList());
    }

    public boolean finished() {
        return state.isFinished();
    }
}
