package org.openvisit.room.infrastructure.janus;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.janus.JanusAdmin;
import org.openvisit.room.application.SfuRooms;
import org.openvisit.room.application.SfuUnavailableException;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The adapter's failures without a Janus: nothing listening, an address it may not use, no SFU configured. */
class JanusSfuRoomsFailureTest {

    private static final String ROOM_SECRET = "test-room-secret-0123456789";

    @Test
    void janusDownIsAClearFailure() throws Exception {
        URI nobody = URI.create("http://127.0.0.1:" + JanusProcess.freePort() + "/admin");
        JanusSfuRooms down = new JanusSfuRooms(new JanusAdmin(new OutboundHttp(SfuConfiguration.OPERATORS_OWN), nobody,
                "x"), URI.create("http://127.0.0.1:8088/janus"), ROOM_SECRET, "key", 4, 12, 50);
        assertThatThrownBy(() -> down.admit(UUID.randomUUID(), "a"))
                .isInstanceOf(SfuUnavailableException.class)
                .hasMessageContaining("could not reach Janus's admin API at " + nobody)
                .hasMessageContaining("is Janus running?");
    }

    @Test
    void aLinkLocalAdminAddressIsNeverUsed() {
        JanusSfuRooms refused = new JanusSfuRooms(new JanusAdmin(new OutboundHttp(SfuConfiguration.OPERATORS_OWN),
                URI.create("http://169.254.169.254/admin"), "x"), URI.create("http://127.0.0.1:8088/janus"),
                ROOM_SECRET, "key", 4, 12, 50);
        assertThatThrownBy(() -> refused.revoke(UUID.randomUUID(), "a"))
                .isInstanceOf(SfuUnavailableException.class)
                .hasMessageContaining("not one OpenVisit sends requests to");
    }

    @Test
    void withoutAnSfuTheRoomStaysAMesh() {
        assertThat(SfuRooms.NONE.enabled()).isFalse();
        assertThatThrownBy(() -> SfuRooms.NONE.open(UUID.randomUUID(), List.of("a")))
                .isInstanceOf(SfuUnavailableException.class);
    }

    @Test
    void tokensDifferPerPersonAndVisitAndAreStable() {
        JanusSfuRooms rooms = new JanusSfuRooms(new JanusAdmin(new OutboundHttp(SfuConfiguration.OPERATORS_OWN),
                URI.create("http://127.0.0.1:1/admin"), "x"), URI.create("http://127.0.0.1:8088/janus"),
                ROOM_SECRET, "key", 4, 12, 50);
        UUID v = UUID.randomUUID();
        assertThat(rooms.token(v, "a")).isEqualTo(rooms.token(v, "a")).isNotEqualTo(rooms.token(v, "b"))
                .isNotEqualTo(rooms.token(UUID.randomUUID(), "a"));
        assertThatThrownBy(() -> new JanusSfuRooms(null, null, "short", "k", 4, 12, 50))
                .isInstanceOf(RuntimeException.class);
    }
}
