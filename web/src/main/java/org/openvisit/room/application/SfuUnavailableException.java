package org.openvisit.room.application;

/**
 * The group video server (SFU) could not do what the room needed (down, misconfigured, refused). The message says
 * what happened for the server's log and the operator, without tokens or secrets; the room turns it into a plain
 * message for the clinician ({@code room.sfu.unavailable}) and the call stays at the mesh's size.
 */
public class SfuUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SfuUnavailableException(String message) {
        super(message);
    }

    public SfuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
