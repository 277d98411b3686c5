package org.openvisit.room.application;

import org.openvisit.visit.domain.model.AttendeeRole;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * What a browser session may do in one visit: be this attendee (an opaque random id, made for this
 * session and visit) in this role. Kept in the HTTP session; the signalling socket takes it from
 * there at its handshake. Carries no person identifier. {@code linkId} is the random id of the join link that
 * granted it ({@code null} for a SMART launch): removing the attendee revokes that link.
 */
public record RoomPass(UUID visitId, String attendeeId, AttendeeRole role, String linkId) implements Serializable {

    public RoomPass(UUID visitId, String attendeeId, AttendeeRole role) {
        this(visitId, attendeeId, role, null);
    }

    public RoomPass {
        Objects.requireNonNull(visitId, "visitId");
        Objects.requireNonNull(attendeeId, "attendeeId");
        Objects.requireNonNull(role, "role");
    }

    public boolean isClinician() {
        return role.isClinician();
    }
}
