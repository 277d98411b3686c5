package org.openvisit.room.application;

import org.openvisit.room.domain.model.AttendeeView;
import org.openvisit.visit.application.VisitEventRecorded;

import java.util.List;

/**
 * What a room step did: the visit events it recorded, and the attendees it changed as they are now
 * (only those, so a lobby of thousands does not resend everyone on every arrival), and who of the people watching a
 * large group visit took a place with video that the step freed ({@code promoted}).
 */
public record RoomResult(List<VisitEventRecorded> events, List<AttendeeView> changed, boolean ended,
                         List<String> promoted) {

    public RoomResult {
        promoted = List.copyOf(promoted);
    }

    /** A step that gave nobody a place with video. */
    public RoomResult(List<VisitEventRecorded> events, List<AttendeeView> changed, boolean ended) {
        this(events, changed, ended, List.of());
    }
}
