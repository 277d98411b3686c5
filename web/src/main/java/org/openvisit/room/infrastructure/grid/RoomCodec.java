package org.openvisit.room.infrastructure.grid;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.openvisit.room.domain.model.AttendeeState;
import org.openvisit.room.domain.model.Room;
import org.openvisit.room.domain.model.RoomSnapshot;
import org.openvisit.shared.infrastructure.Jsons;
import org.openvisit.visit.domain.model.AttendeeRole;

import java.io.StringReader;
import java.util.UUID;

/**
 * A room as the short JSON text the data grid keeps: only JDK types cross the grid, so no member needs the
 * application's classes to hold, back up or migrate an entry (a few hundred bytes per visit).
 */
final class RoomCodec {

    private RoomCodec() {
    }

    static String write(Room room) {
        RoomSnapshot s = room.snapshot();
        JsonArrayBuilder attendees = Jsons.createArrayBuilder();
        for (RoomSnapshot.Entry a : s.attendees()) {
            JsonObjectBuilder o = Jsons.createObjectBuilder().add("id", a.id()).add("role", a.role().name())
                    .add("state", a.state().name()).add("admitted", a.admitted());
            if (a.socketId() != null) {
                o.add("socket", a.socketId());
            }
            if (a.joinLinkId() != null) {
                o.add("link", a.joinLinkId());
            }
            if (a.watchTurn() > 0) {
                o.add("watchTurn", a.watchTurn());
            }
            attendees.add(o);
        }
        JsonObjectBuilder o = Jsons.createObjectBuilder().add("visit", s.visitId().toString()).add("ended", s.ended());
        if (s.sfuLimit() > 0) {
            o.add("sfu", s.sfuLimit()).add("watch", s.watchLimit());
        }
        return o.add("attendees", attendees).build().toString();
    }

    static Room read(String text) {
        JsonObject o = Jsons.createReader(new StringReader(text)).readObject();
        return Room.restore(new RoomSnapshot(UUID.fromString(o.getString("visit")), o.getBoolean("ended"),
                o.getJsonArray("attendees").getValuesAs(JsonObject.class).stream()
                        .map(a -> new RoomSnapshot.Entry(a.getString("id"), AttendeeRole.valueOf(a.getString("role")),
                                AttendeeState.valueOf(a.getString("state")), a.getBoolean("admitted"),
                                a.getString("socket", null), a.getString("link", null), a.getInt("watchTurn", 0)))
                        .toList(), o.getInt("sfu", 0), o.getInt("watch", 0)));
    }
}
