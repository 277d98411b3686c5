package org.openvisit.visit.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

/** A visit was asked to start or end in a status that does not allow it. */
public class IllegalVisitTransitionException extends ConflictException {

    private final VisitStatus status;

    public IllegalVisitTransitionException(VisitStatus status, String action) {
        super("This visit is " + status + "; it cannot be " + action + ".");
        this.status = status;
    }

    public VisitStatus status() {
        return status;
    }
}
