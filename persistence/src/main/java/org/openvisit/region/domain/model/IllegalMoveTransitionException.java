package org.openvisit.region.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

/** A move was asked to go to a state that may not follow its current one (see {@link RegionMoveState#next()}). */
public class IllegalMoveTransitionException extends ConflictException {

    public IllegalMoveTransitionException(RegionMoveState from, RegionMoveState to) {
        super("A region move cannot go from " + from + " to " + to + ".");
    }
}
