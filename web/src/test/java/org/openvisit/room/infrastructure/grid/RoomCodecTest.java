package org.openvisit.room.infrastructure.grid;

import org.junit.jupiter.api.Test;
import org.openvisit.room.domain.model.AttendeeState;
import org.openvisit.room.domain.model.Room;
import org.openvisit.room.domain.model.RoomRefusedException;
import org.openvisit.visit.domain.model.AttendeeRole;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RoomCodecTest {

    private final UUID visit = UUID.randomUUID();

    @Test
    void aRoomReadBackIsTheSameRoomAndGoesOnFromWhereItWas() {
        Room room = new Room(visit);
        room.connect("a-doc", AttendeeRole.PROVIDER, "node-1/1");
        room.connect("a-pat", AttendeeRole.PATIENT, "link-7", "node-2/5");
        room.connect("a-guest", AttendeeRole.GUEST, "node-2/6");
        room.admit("a-doc", "a-pat");
        room.remove("a-doc", "a-guest");

        String text = RoomCodec.write(room);
        Room back = RoomCodec.read(text);

        assertThat(back.attendees()).isEqualTo(room.attendees());
        assertThat(back.attendee("a-pat").orElseThrow().socketId()).isEqualTo("node-2/5");
        assertThat(back.attendee("a-pat").orElseThrow().joinLinkId()).isEqualTo("link-7");
        assertThat(back.attendee("a-pat").orElseThrow().state()).isEqualTo(AttendeeState.ADMITTED);
        // the rules hold after the trip: a removed guest stays out, the admitted patient may join the call
        assertThatThrownBy(() -> back.connect("a-guest", AttendeeRole.GUEST, "node-1/9"))
                .isInstanceOf(RoomRefusedException.class);
        assertThat(back.joinCall("a-pat")).hasSize(1);
        // small, and nothing but ids, roles and states
        assertThat(text.length()).isLessThan(600);
        assertThat(text).doesNotContain("Patient", "Clinician");
    }

    @Test
    void aRoomOnTheSfuStaysThereAfterTheTrip() {
        Room room = new Room(visit);
        room.connect("a-doc", AttendeeRole.PROVIDER, "n/1");
        assertThat(RoomCodec.write(room)).doesNotContain("sfu");
        room.moveToSfu(12);
        Room back = RoomCodec.read(RoomCodec.write(room));
        assertThat(back.onSfu()).isTrue();
        assertThat(back.snapshot().sfuLimit()).isEqualTo(12);
    }

    @Test
    void whoWatchesAndHowManyTheCallHoldsSurviveTheTrip() {
        Room room = new Room(visit);
        room.connect("a-doc", AttendeeRole.PROVIDER, "n/1");
        for (int i = 0; i < 6; i++) {
            room.connect("g" + i, AttendeeRole.GUEST, "n/g" + i);
        }
        room.admitAll("a-doc");
        room.moveToSfu(5, 7);
        List.of("a-doc", "g0", "g1", "g2", "g3", "g4").forEach(room::joinCall);
        assertThat(room.attendee("g4").orElseThrow().watching()).isTrue();
        Room back = RoomCodec.read(RoomCodec.write(room));
        assertThat(back.attendees()).isEqualTo(room.attendees());
        assertThat(back.snapshot().watchLimit()).isEqualTo(7);
        back.joinCall("g5");
        assertThat(back.attendee("g5").orElseThrow().watching()).isTrue();
        assertThat(back.inCall()).hasSize(7);
    }

    @Test
    void anEndedRoomStaysEnded() {
        Room room = new Room(visit);
        room.connect("a-doc", AttendeeRole.PROVIDER, "n/1");
        room.end("a-doc");
        Room back = RoomCodec.read(RoomCodec.write(room));
        assertThat(back.ended()).isTrue();
        assertThatThrownBy(() -> back.connect("a-pat", AttendeeRole.PATIENT, "n/2"))
                .isInstanceOf(RoomRefusedException.class).hasMessageContaining("ended");
    }

    @Test
    void theAttendeesOfANodeThatLeftAreFoundByTheirSocketsPrefix() {
        Room room = new Room(visit);
        room.connect("a-doc", AttendeeRole.PROVIDER, "node-1/1");
        room.connect("a-pat", AttendeeRole.PATIENT, "node-2/5");
        Room back = RoomCodec.read(RoomCodec.write(room));
        assertThat(back.connectedThrough("node-2/")).extracting(a -> a.id()).containsExactly("a-pat");
        assertThat(back.disconnect("a-pat", "node-2/5")).hasSize(1);
        assertThat(back.connectedThrough("node-2/")).isEmpty();
    }
}
