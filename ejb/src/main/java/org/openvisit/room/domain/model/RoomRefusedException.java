package org.openvisit.room.domain.model;

/** Something a room does not allow (a patient admitting, a full call, a removed attendee coming back). */
public class RoomRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The room was busy with another step for longer than a step waits: a moment later the same step may succeed. */
    public static final String BUSY = "BUSY";

    private final String reasonCode;

    public RoomRefusedException(String reasonCode, String message) {
        super(message);
        this.reasonCode = reasonCode;
    }

    /** A stable code for logs, tests and the browser (FORBIDDEN, NOT_IN_ROOM, CALL_FULL, REMOVED, ENDED ...). */
    public String reasonCode() {
        return reasonCode;
    }
}
