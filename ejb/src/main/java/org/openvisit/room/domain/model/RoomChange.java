package org.openvisit.room.domain.model;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

/** What a transition of a room means for the visit's event stream: one event to record. */
public record RoomChange(VisitEventType type, String attendeeId, AttendeeRole role, String detail) {
}
