package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.ForbiddenException;

/** The signed-in user may not perform this action on this endpoint; the message says who may. */
public class EndpointActionForbiddenException extends ForbiddenException {

    private final EndpointAction action;

    public EndpointActionForbiddenException(EndpointAction action, String message) {
        super(message);
        this.action = action;
    }

    public EndpointAction action() {
        return action;
    }
}
