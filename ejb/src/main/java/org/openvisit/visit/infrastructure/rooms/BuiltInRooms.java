package org.openvisit.visit.infrastructure.rooms;

import jakarta.enterprise.context.ApplicationScoped;
import org.openvisit.visit.application.JoinRole;
import org.openvisit.visit.application.MeetingPlatform;
import org.openvisit.visit.domain.model.MeetingRef;
import org.openvisit.visit.domain.model.Visit;

/**
 * The built-in rooms as a meeting platform: a visit's room is named after the visit itself
 * ({@code room-<visit id>}), so asking twice, or from two nodes, gives the same room without any
 * state; joining happens on OpenVisit's own pages ({@code /visit/<id>} for clinicians,
 * {@code /visit/<id>/lobby} for patients and guests, reached through a join link or the patient's
 * launch). The live room (lobby, admission, signalling, WebRTC in the browsers) is
 * {@code org.openvisit.room} in the web module, next to its sockets. Ending needs nothing here: the
 * visit's ENDED status closes the room (at once when a clinician ends it on the visit page; a visit
 * ended another way closes its room at the room's next step).
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
        // nothing to release: the visit's ENDED status is what closes its room and pages
    }
}
