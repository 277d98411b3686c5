package org.openvisit.room.domain.model;

/**
 * Where an attendee of a room stands:
 * <pre>
 *   WAITING  (patient or guest in the lobby)  admit -> ADMITTED, remove -> REMOVED, gone -> LEFT
 *   ADMITTED (may enter the call)              join -> IN_CALL, remove -> REMOVED, gone -> LEFT
 *   IN_CALL                                    leave/gone -> LEFT (a clinician's page stays: ADMITTED)
 *   LEFT     (no open page)                    comes back -> WAITING, or ADMITTED when admitted before
 *   REMOVED  (final: a clinician removed them)
 * </pre>
 */
public enum AttendeeState {
    WAITING("waiting in lobby"),
    ADMITTED("admitted"),
    IN_CALL("in call"),
    LEFT("left"),
    REMOVED("removed");

    private final String words;

    AttendeeState(String words) {
        this.words = words;
    }

    /** How the provider page says it. */
    public String words() {
        return words;
    }

    public boolean isPresent() {
        return this == WAITING || this == ADMITTED || this == IN_CALL;
    }
}
