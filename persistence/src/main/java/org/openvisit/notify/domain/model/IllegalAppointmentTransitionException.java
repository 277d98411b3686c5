package org.openvisit.notify.domain.model;

/** An SIU message that cannot apply to the appointment as it stands (e.g. a reschedule of a cancelled one). */
public class IllegalAppointmentTransitionException extends RuntimeException {

    public IllegalAppointmentTransitionException(String message) {
        super(message);
    }
}
