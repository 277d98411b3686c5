package org.openvisit.visit.application;

import jakarta.ejb.ApplicationException;

/** No visit has this id. */
@ApplicationException(rollback = true)
public class VisitNotFoundException extends RuntimeException {

    public VisitNotFoundException() {
        super("There is no such visit.");
    }
}
