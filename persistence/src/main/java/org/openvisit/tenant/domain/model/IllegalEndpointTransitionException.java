package org.openvisit.tenant.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

import java.util.List;

/** An action that the endpoint's current status does not allow (another user may have changed it meanwhile). */
public class IllegalEndpointTransitionException extends ConflictException {

    private final EndpointStatus status;
    private final EndpointAction action;

    public IllegalEndpointTransitionException(EndpointStatus status, EndpointAction action) {
        super(message(status, action));
        this.status = status;
        this.action = action;
    }

    private static String message(EndpointStatus status, EndpointAction action) {
        // the approval steps only: the sites that may frame it can be set in every status
        String allowed = or(status.allowedActions().stream().filter(a -> a != EndpointAction.SET_FRAME_ANCESTORS)
                .map(EndpointAction::pastParticiple).toList());
        return "This endpoint is " + status + "; it cannot be " + action.pastParticiple() + ". It can only be "
                + allowed + ".";
    }

    private static String or(List<String> words) {
        if (words.size() <= 1) {
            return String.join("", words);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }

    public EndpointStatus status() {
        return status;
    }

    public EndpointAction action() {
        return action;
    }
}
