package org.openvisit.region.domain.model;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

import java.time.Instant;

/** One step of a move's history: who (an operator, or the node that ran the step) moved it from which state to which. */
@Embeddable
public class RegionMoveStep {

    @Column(name = "sequence_no", nullable = false)
    private int sequence;

    @Enumerated(EnumType.STRING)
    @Column(name = "from_state", length = 16)
    private RegionMoveState from;

    @Enumerated(EnumType.STRING)
    @Column(name = "to_state", length = 16, nullable = false)
    private RegionMoveState to;

    @Column(name = "actor", length = 508, nullable = false)
    private String actor;

    @Column(name = "changed_at", nullable = false)
    private Instant at;

    @Column(name = "detail", length = 500)
    private String detail;

    protected RegionMoveStep() {
        // for JPA
    }

    RegionMoveStep(int sequence, RegionMoveState from, RegionMoveState to, String actor, Instant at, String detail) {
        this.sequence = sequence;
        this.from = from;
        this.to = to;
        this.actor = actor;
        this.at = at;
        this.detail = detail;
    }

    public int sequence() {
        return sequence;
    }

    public RegionMoveState from() {
        return from;
    }

    public RegionMoveState to() {
        return to;
    }

    public String actor() {
        return actor;
    }

    public Instant at() {
        return at;
    }

    public String detail() {
        return detail;
    }
}
