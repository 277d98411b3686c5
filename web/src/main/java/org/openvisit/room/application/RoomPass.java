package org.openvisit.room.application;

import org.openvisit.visit.domain.model.AttendeeRole;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/**
 * What a browser may do in one visit: be this attendee (an opaque random id, made for this browser and visit) in
 * this role. Kept with the browser's state; the signalling socket takes it from there at its handshake.
 * {@code linkId} is the random id of the join link that granted it ({@code null} for a launch): removing the attendee
 * revokes that link. {@code clinicianEhrUserId} is the EHR user id of the clinician whose own launch granted it (the
 * one person identifier OpenVisit keeps), so that the audit trail names who admitted or removed someone; {@code null}
 * for everyone else. It never reaches another browser.
 */
public record RoomPass(UUID visitId, String attendeeId, AttendeeRole role, String linkId, String clinicianEhrUserId)
        implements Serializable {

    public RoomPass(UUID visitId, String attendeeId, AttendeeRole role) {
        this(visitId, attendeeId, role, null, null);
    }

    public RoomPass(UUID visitId, String attendeeId, AttendeeRole role, String linkId) {
        this(visitId, attendeeId, role, linkId, null);
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
