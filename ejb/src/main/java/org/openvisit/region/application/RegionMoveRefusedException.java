package org.openvisit.region.application;

import org.openvisit.shared.domain.model.ConflictException;

/** A move that cannot start now, and why (for the page's words; the API answers 409 with the message). */
public class RegionMoveRefusedException extends ConflictException {

    /** Why a move was refused. */
    public enum Reason { SAME_REGION, SAME_DATABASE, LIVE_VISITS, UNDER_WAY }

    private final Reason reason;
    private final long liveVisits;

    public RegionMoveRefusedException(Reason reason, long liveVisits, String message) {
        super(message);
        this.reason = reason;
        this.liveVisits = liveVisits;
    }

    public Reason reason() {
        return reason;
    }

    public long liveVisits() {
        return liveVisits;
    }
}
