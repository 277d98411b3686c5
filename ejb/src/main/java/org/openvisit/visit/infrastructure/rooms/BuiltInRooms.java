package org.openvisit.visit.infrastructure.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.visit.application.JoinRole;
import org.openvisit.visit.application.MeetingPlatform;
import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.Visit;

/**
 * The built-in rooms, so far as they exist: a visit's room is named after the visit itself
 * ({@code room-<visit id>}), so asking twice, or from two nodes, gives the same room without any
 * state; joining happens on OpenVisit's own pages ({@code /visit/<id>} for clinicians,
 * {@code /visit/<id>/lobby} for patients and guests). The media (WebRTC) and the lobby arrive with
 * the rooms themselves (issue 6); ending is then a matter of the room, here nothing to release.
 */
@ApplicationScoped
public class BuiltInRooms implements MeetingPlatform {

    public static final String NAME = "builtin-rooms";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public MeetingRef createOrGetMeeting(Visit visit) {
        return new MeetingRef(NAME, "room-" + visit.id());
    }

    @Override
    public String joinUrl(Visit visit, JoinRole role) {
        return switch (role) {
            case PROVIDER -> "/visit/" + visit.id();
            case PATIENT, GUEST -> "/visit/" + visit.id() + "/lobby";
        };
    }

    @Override
    public void end(Visit visit) {
        // no room state is kept yet: the visit's ENDED status is what closes its pages
    }
}
