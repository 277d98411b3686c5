package org.openvisit.notify.domain.model;

import org.openvisit.shared.domain.model.ConflictException;

/** An action that the number's current status does not allow (someone else may have changed it meanwhile). */
public class IllegalSmsNumberTransitionException extends ConflictException {

    private final SmsNumberStatus status;
    private final SmsNumberAction action;

    public IllegalSmsNumberTransitionException(SmsNumberStatus status, SmsNumberAction action) {
        super(message(status, action));
        this.status = status;
        this.action = action;
    }

    private static String message(SmsNumberStatus status, SmsNumberAction action) {
        String state = switch (status) {
            case REQUESTED, IN_PROGRESS -> "is still being set up by the carrier";
            case ACTIVE -> "is in use";
            case FAILED -> "could not be set up";
            case RELEASED -> "was released";
        };
        String hint = switch (status) {
            case REQUESTED, IN_PROGRESS -> " Wait until it is active or has failed.";
            case ACTIVE -> "";
            case FAILED -> " Retry or release it.";
            case RELEASED -> " Get a new number instead.";
        };
        return "This phone number " + state + "; it cannot be " + action.pastParticiple() + "." + hint;
    }

    public SmsNumberStatus status() {
        return status;
    }

    public SmsNumberAction action() {
        return action;
    }
}
