package org.openvisit.room.application;

import org.openvisit.room.domain.model.AttendeeView;
import org.openvisit.visit.application.VisitEventRecorded;

import java.util.List;

/** What a room step did: the visit events it recorded and the room's attendees afterwards. */
public record RoomResult(List<VisitEventRecorded> events, List<AttendeeView> attendees, boolean ended) {
}
