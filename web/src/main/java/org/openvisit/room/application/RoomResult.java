package org.openvisit.room.application;

import org.openvisit.room.domain.model.AttendeeView;
import org.openvisit.visit.application.VisitEventRecorded;

import java.util.List;

/**
 * What a room step did: the visit events it recorded, and the attendees it changed as they are now
 * (only those, so a lobby of thousands does not resend everyone on every arrival).
 */
public record RoomResult(List<VisitEventRecorded> events, List<AttendeeView> changed, boolean ended) {
}
