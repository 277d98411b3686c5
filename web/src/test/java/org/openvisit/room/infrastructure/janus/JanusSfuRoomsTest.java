package org.openvisit.room.infrastructure.janus;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.ehr.OutboundHttp;
import org.openvisit.ehr.janus.JanusAdmin;
import org.openvisit.room.application.SfuRooms;
import org.openvisit.room.application.SfuUnavailableException;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Janus adapter against a real Debian {@code janus} started with the shipped configuration: a room opened for a
 * visit lets exactly the tokens OpenVisit gave join, a revoked token is refused and its publisher kicked, the end
 * destroys the room and takes every token away. And what the room hears when Janus is down or misconfigured.
 */
class JanusSfuRoomsTest {

    private static final String ROOM_SECRET = "test-room-secret-0123456789";
    private static JanusProcess janus;
    private static JanusSfuRooms rooms;
    private static JanusAdmin admin;

    @BeforeAll
    static void startJanus() throws Exception {
        janus = JanusProcess.start();
        admin = new JanusAdmin(new OutboundHttp(SfuConfiguration.OPERATORS_OWN), janus.adminUrl,
                JanusProcess.ADMIN_SECRET);
        rooms = new JanusSfuRooms(admin, janus.apiUrl, ROOM_SECRET, JanusProcess.CREATE_KEY, 4, 12, 50);
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    @Test
    void opensARoomWhoseTokensJoinAndOnlyThose() throws Exception {
        UUID visit = UUID.randomUUID();
        Map<String, SfuRooms.SfuAccess> access = rooms.open(visit, List.of("clin-1", "pat-1"));
        assertThat(rooms.exists(visit)).isTrue();
        SfuRooms.SfuAccess patient = access.get("pat-1");
        assertThat(patient.room()).isEqualTo("visit-" + visit);
        assertThat(patient.url()).isEqualTo(janus.apiUrl.toString());
        assertThat(patient.token()).isNotEqualTo(access.get("clin-1").token()).hasSizeGreaterThan(30);

        JanusApiCaller browser = new JanusApiCaller(janus.apiUrl, patient.token());
        assertThat(browser.attach()).isZero();
        assertThat(browser.joinAsPublisher(patient.room(), "pat-1").getString("videoroom", "")).isEqualTo("joined");

        JanusApiCaller stranger = new JanusApiCaller(janus.apiUrl, "made-up-token");
        assertThat(stranger.attach()).isEqualTo(403);

        // a token Janus knows (another visit's person) but that this room does not allow
        UUID other = UUID.randomUUID();
        SfuRooms.SfuAccess elsewhere = rooms.open(other, List.of("pat-9")).get("pat-9");
        JanusApiCaller wrongRoom = new JanusApiCaller(janus.apiUrl, elsewhere.token());
        assertThat(wrongRoom.attach()).isZero();
        JsonObject refused = wrongRoom.joinAsPublisher(patient.room(), "pat-9");
        assertThat(refused.getInt("error_code", 0)).isEqualTo(433); // unauthorized (not in the allowed list)
        rooms.close(other, List.of("pat-9"));
        rooms.close(visit, List.of("clin-1", "pat-1"));
    }

    /**
     * A group visit's room holds the watch limit's people (50): those beyond the twelve with video join without
     * publishing, and Janus lets every one of them in with the token OpenVisit gave them.
     */
    @Test
    void aRoomLetsFiftyPeopleJoin() throws Exception {
        UUID visit = UUID.randomUUID();
        List<String> people = java.util.stream.IntStream.range(0, 50).mapToObj(i -> "p-" + i).toList();
        Map<String, SfuRooms.SfuAccess> access = rooms.open(visit, people);
        for (String id : people) {
            JanusApiCaller browser = new JanusApiCaller(janus.apiUrl, access.get(id).token());
            assertThat(browser.attach()).isZero();
            assertThat(browser.joinAsPublisher(access.get(id).room(), id).getString("videoroom", ""))
                    .as("participant %s joins", id).isEqualTo("joined");
        }
        rooms.close(visit, people);
        assertThat(rooms.exists(visit)).isFalse();
    }

    /**
     * The removed person is kicked: they hear "leaving", and the others in the room hear "kicked" with their id (not
     * "leaving" or "unpublished": the notice the pages' sfu.js must know to drop the removed person's tile).
     */
    @Test
    void aLaterAdmissionJoinsAndARemovedPersonIsRefusedAndKicked() throws Exception {
        UUID visit = UUID.randomUUID();
        SfuRooms.SfuAccess clinician = rooms.open(visit, List.of("clin-1")).get("clin-1");
        JanusApiCaller staying = new JanusApiCaller(janus.apiUrl, clinician.token());
        assertThat(staying.attach()).isZero();
        assertThat(staying.joinAsPublisher(clinician.room(), "clin-1").getString("videoroom", "")).isEqualTo("joined");
        SfuRooms.SfuAccess guest = rooms.admit(visit, "guest-1");
        JanusApiCaller browser = new JanusApiCaller(janus.apiUrl, guest.token());
        assertThat(browser.attach()).isZero();
        assertThat(browser.joinAsPublisher(guest.room(), "guest-1").getString("videoroom", "")).isEqualTo("joined");

        java.util.concurrent.CompletableFuture<JsonObject> heard = listening(browser);
        java.util.concurrent.CompletableFuture<JsonObject> othersHeard = listening(staying);

        rooms.revoke(visit, "guest-1");

        assertThat(admin.tokens()).doesNotContain(guest.token()).contains(clinician.token());
        assertThat(heard.get(5, java.util.concurrent.TimeUnit.SECONDS).toString()).contains("leaving");
        assertThat(othersHeard.get(5, java.util.concurrent.TimeUnit.SECONDS).getString("kicked", ""))
                .isEqualTo("guest-1");
        assertThat(admin.videoRoom(jakarta.json.Json.createObjectBuilder().add("request", "listparticipants")
                .add("room", guest.room()), "list").toString()).doesNotContain("guest-1");
        assertThat(new JanusApiCaller(janus.apiUrl, guest.token()).attach()).isEqualTo(403);
        rooms.close(visit, List.of("clin-1", "guest-1"));
    }

    @Test
    void theEndDestroysTheRoomAndEveryToken() throws Exception {
        UUID visit = UUID.randomUUID();
        Map<String, SfuRooms.SfuAccess> access = rooms.open(visit, List.of("clin-1", "pat-1", "pat-2"));
        JanusApiCaller browser = new JanusApiCaller(janus.apiUrl, access.get("pat-2").token());
        assertThat(browser.attach()).isZero();
        assertThat(browser.joinAsPublisher(access.get("pat-2").room(), "pat-2").getString("videoroom", ""))
                .isEqualTo("joined");

        java.util.concurrent.CompletableFuture<JsonObject> heard = listening(browser);

        rooms.close(visit, List.of("clin-1", "pat-1", "pat-2"));

        assertThat(rooms.exists(visit)).isFalse();
        assertThat(heard.get(5, java.util.concurrent.TimeUnit.SECONDS).getString("videoroom", "")).isEqualTo("destroyed");
        assertThat(browser.nextEvent(Duration.ofSeconds(1)).getInt("lastStatus", 0)).isEqualTo(403);
        assertThat(admin.tokens()).doesNotContainAnyElementsOf(access.values().stream().map(SfuRooms.SfuAccess::token)
                .toList());
        rooms.close(visit, List.of("clin-1")); // twice is harmless
    }

    @Test
    void aWrongAdminSecretIsSaidInWords() {
        JanusSfuRooms wrong = new JanusSfuRooms(new JanusAdmin(new OutboundHttp(SfuConfiguration.OPERATORS_OWN),
                janus.adminUrl, "not-the-secret"), janus.apiUrl, ROOM_SECRET, JanusProcess.CREATE_KEY, 4, 12, 50);
        assertThatThrownBy(() -> wrong.open(UUID.randomUUID(), List.of("a")))
                .isInstanceOf(SfuUnavailableException.class)
                .hasMessageContaining("admin secret is wrong")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void aWrongCreateKeyIsSaidInWords() {
        JanusSfuRooms wrong = new JanusSfuRooms(admin, janus.apiUrl, ROOM_SECRET, "not-the-key", 4, 12, 50);
        assertThatThrownBy(() -> wrong.open(UUID.randomUUID(), List.of("a")))
                .isInstanceOf(SfuUnavailableException.class)
                .hasMessageContaining("could not open the group visit's room")
                .hasMessageNotContaining("not-the-key");
    }

    /** A long poll of the browser's session, started now (Janus checks the token when the poll begins). */
    private static java.util.concurrent.CompletableFuture<JsonObject> listening(JanusApiCaller browser) throws Exception {
        java.util.concurrent.CompletableFuture<JsonObject> heard = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return browser.nextEvent(Duration.ofSeconds(5));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300); // the poll is waiting at Janus
        return heard;
    }
}
