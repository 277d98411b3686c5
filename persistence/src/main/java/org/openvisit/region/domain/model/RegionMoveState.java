package org.openvisit.region.domain.model;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a move of an organization to another region stands: {@code REQUESTED → COPYING → VERIFIED → SWITCHED →
 * CLEANED}, or {@code FAILED} (with its reason) from any state before the switch. Once switched, the organization's
 * data lives in the new region: the only way on is the clean-up of the old rows.
 */
public enum RegionMoveState {
    REQUESTED, COPYING, VERIFIED, SWITCHED, CLEANED, FAILED;

    /** The states that may follow this one. */
    public Set<RegionMoveState> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(COPYING, FAILED);
            case COPYING -> EnumSet.of(VERIFIED, FAILED);
            case VERIFIED -> EnumSet.of(SWITCHED, FAILED);
            case SWITCHED -> EnumSet.of(CLEANED);
            case CLEANED, FAILED -> EnumSet.noneOf(RegionMoveState.class);
        };
    }

    public boolean canGoTo(RegionMoveState to) {
        return next().contains(to);
    }

    /** CLEANED or FAILED: nothing more happens. */
    public boolean isFinished() {
        return this == CLEANED || this == FAILED;
    }

    /** Before the switch: the organization's launches, SIU feed and queues wait, its data still lives in the old region. */
    public boolean beforeSwitch() {
        return this == REQUESTED || this == COPYING || this == VERIFIED;
    }
}
