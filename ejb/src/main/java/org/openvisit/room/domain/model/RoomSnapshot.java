package org.openvisit.room.domain.model;

import java.util.List;
import java.util.UUID;

/**
 * A room's whole state as plain values, so it can be kept outside one node's memory (the data grid) and a
 * {@link Room} rebuilt from it for each step. Holds opaque attendee ids, roles, states and the random ids of
 * join links and sockets: no person's name, no token. {@code sfuLimit} is 0 while the call is a browser mesh, and
 * how many people the SFU call holds with video once the room moved to the SFU; {@code watchLimit} how many it holds
 * in all, the rest watching (the clinicians' video and audio only).
 */
public record RoomSnapshot(UUID visitId, boolean ended, List<Entry> attendees, int sfuLimit, int watchLimit) {

    public RoomSnapshot {
        attendees = List.copyOf(attendees);
    }

    /** A mesh room ({@code sfuLimit} 0). */
    public RoomSnapshot(UUID visitId, boolean ended, List<Entry> attendees) {
        this(visitId, ended, attendees, 0, 0);
    }

    /** One attendee: {@code socketId} and {@code joinLinkId} may be {@code null}; {@code watchTurn} 0 unless watching. */
    public record Entry(String id, org.openvisit.visit.domain.model.AttendeeRole role, AttendeeState state,
                        boolean admitted, String socketId, String joinLinkId, int watchTurn) {
    }
}
