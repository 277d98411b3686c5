package org.openvisit.it.rooms;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.support.SharedServer;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rooms' doors over real HTTP and WebSocket: a join link leads to the lobby (without the token in
 * the address) and a clinician admits; forged and damaged links, a link's pass used for another
 * visit, sockets without a pass or from another site, messages for another visit and a patient who
 * tries to admit, remove or end are each refused, logged, and change nothing.
 */
class RoomRefusalsIT {

    private static RoomClient clinician;
    private static RoomClient otherClinician;
    private static String visit;
    private static String otherVisit;
    private static String patientLink;
    private static RoomClient.Socket clinicianSocket;
    /** The clinician's page pings like a browser (the server closes sockets silent for 30 s). */
    private static final java.util.concurrent.ScheduledExecutorService HEARTBEAT =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    @BeforeAll
    static void launchTwoVisits() {
        clinician = new RoomClient();
        HttpResponse<String> page = clinician.launchAsClinician("Practitioner/prac-ben-lindqvist", "appt-1008");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        visit = clinician.visitId();
        patientLink = RoomClient.link(page.body(), "patientLink");
        assertThat(patientLink).startsWith(SharedServer.baseUri() + "join?token=");
        otherClinician = new RoomClient();
        assertThat(otherClinician.launchAsClinician("Practitioner/prac-diego-alvarez", "appt-1007").statusCode())
                .isEqualTo(200);
        otherVisit = otherClinician.visitId();
        assertThat(otherVisit).isNotEqualTo(visit);
        clinicianSocket = clinician.socket(visit);
        assertThat(clinicianSocket.await("hello").getString("role")).isEqualTo("PROVIDER");
        HEARTBEAT.scheduleAtFixedRate(() -> clinicianSocket.send("{\"type\":\"ping\",\"n\":1}"), 10, 10,
                java.util.concurrent.TimeUnit.SECONDS);
    }

    @AfterAll
    static void closeSockets() {
        HEARTBEAT.shutdownNow();
        if (clinicianSocket != null) {
            clinicianSocket.close();
        }
    }

    private static JsonArray events(RoomClient client, String visitId) {
        HttpResponse<String> r = client.get(SharedServer.baseUri().resolve("visit/" + visitId + "/events"));
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readArray();
    }

    private static List<String> eventTypes(RoomClient client, String visitId) {
        return events(client, visitId).getValuesAs(JsonObject.class).stream().map(e -> e.getString("type")).toList();
    }

    private static RoomClient patientInLobby(String link) {
        RoomClient patient = new RoomClient();
        HttpResponse<String> join = patient.get(URI.create(link));
        assertThat(join.statusCode()).isEqualTo(303);
        assertThat(join.headers().firstValue("Location")).contains("/visit/" + visit + "/lobby");
        return patient;
    }

    @Test
    void aJoinLinkLeadsToTheLobbyAndTheClinicianAdmitsLive() {
        RoomClient patient = patientInLobby(patientLink);
        HttpResponse<String> lobby = patient.follow(URI.create(patientLink));
        assertThat(lobby.statusCode()).isEqualTo(200);
        assertThat(patient.last.getQuery()).isNull(); // the token is not in the lobby's address
        assertThat(lobby.body()).contains("Your virtual visit", "will let you in", "Test your camera and microphone")
                .doesNotContain("prac-ben-lindqvist", "patientLink");

        RoomClient.Socket socket = patient.socket(visit);
        JsonObject hello = socket.await("hello");
        assertThat(hello.getString("role")).isEqualTo("PATIENT");
        assertThat(hello.getString("state")).isEqualTo("WAITING");
        String me = hello.getString("self");
        JsonObject waiting = clinicianSocket.await(m -> m.getString("type").equals("attendee")
                && m.getString("id").equals(me) && m.getString("state").equals("WAITING"));
        assertThat(waiting.toString()).contains("waiting in lobby");

        clinicianSocket.send("{\"type\":\"admit\",\"id\":\"" + me + "\",\"visit\":\"" + visit + "\"}");
        socket.await("admitted");
        socket.send("{\"type\":\"join\",\"visit\":\"" + visit + "\"}");
        assertThat(socket.await("call").getString("self")).isEqualTo(me);
        socket.close();
        clinicianSocket.await(m -> m.getString("type").equals("event") && m.getString("event").equals("DISCONNECTED")
                && m.getString("attendee", "").equals(me));

        List<JsonObject> mine = events(clinician, visit).getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("attendee", "").equals(me)).toList();
        assertThat(mine).extracting(e -> e.getString("type"))
                .containsExactly("LOBBY_JOINED", "ADMITTED", "CONNECTED", "DISCONNECTED");
        assertThat(mine).extracting(e -> e.getString("role")).containsOnly("PATIENT");
    }

    @Test
    void forgedAndDamagedJoinLinksAreRefusedWithAPlainPage() {
        String token = patientLink.substring(patientLink.indexOf("token=") + 6);
        String[] parts = token.split("\\.");
        String forgedSignature = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        RoomClient stranger = new RoomClient();

        HttpResponse<String> forged = stranger.get(SharedServer.baseUri().resolve("join?token=" + forgedSignature));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("This link does not open a visit", "was not made by this OpenVisit",
                "BAD_SIGNATURE");

        HttpResponse<String> damaged = stranger.get(SharedServer.baseUri().resolve("join?token=not-a-token"));
        assertThat(damaged.statusCode()).isEqualTo(400);
        assertThat(damaged.body()).contains("MALFORMED");
        assertThat(stranger.get(SharedServer.baseUri().resolve("join")).statusCode()).isEqualTo(400);

        // a refused link grants nothing: no lobby, no socket
        assertThat(stranger.get(SharedServer.baseUri().resolve("visit/" + visit + "/lobby")).statusCode()).isEqualTo(403);
        RoomClient.Socket socket = stranger.socket(visit);
        assertThat(socket.closeCode()).isEqualTo(1008);
    }

    @Test
    void aPassForOneVisitOpensNothingOfAnother() throws Exception {
        RoomClient patient = patientInLobby(patientLink);
        int before = events(otherClinician, otherVisit).size();

        HttpResponse<String> otherLobby = patient.get(SharedServer.baseUri().resolve("visit/" + otherVisit + "/lobby"));
        assertThat(otherLobby.statusCode()).isEqualTo(403);
        assertThat(otherLobby.body()).contains("NOT_LAUNCHED_HERE");
        assertThat(patient.socket(otherVisit).closeCode()).isEqualTo(1008);
        // and of its own visit only the lobby: not the clinician's page or the event log
        HttpResponse<String> providerPage = patient.get(SharedServer.baseUri().resolve("visit/" + visit));
        assertThat(providerPage.statusCode()).isEqualTo(303);
        assertThat(patient.get(SharedServer.baseUri().resolve("visit/" + visit + "/events")).statusCode()).isEqualTo(403);

        assertThat(events(otherClinician, otherVisit)).hasSize(before);
        assertThat(SharedServer.logText()).contains("Signalling socket refused: NOT_IN_VISIT for visit " + otherVisit);
    }

    @Test
    void aSocketCannotSpeakForAnotherVisitNorOpenFromAnotherSite() throws Exception {
        RoomClient patient = patientInLobby(patientLink);
        RoomClient.Socket socket = patient.socket(visit);
        socket.await("hello");
        int before = events(clinician, visit).size();
        int otherBefore = events(otherClinician, otherVisit).size();

        socket.send("{\"type\":\"device-test\",\"visit\":\"" + otherVisit + "\",\"result\":{\"camera\":\"ok\"}}");
        JsonObject refused = socket.await("refused");
        assertThat(refused.getString("code")).isEqualTo("WRONG_VISIT");
        socket.send("{\"type\":\"signal\",\"to\":\"someone\",\"visit\":\"" + visit + "\",\"data\":{\"sdp\":{}}}");
        assertThat(socket.await("refused").getString("code")).isEqualTo("NOT_IN_CALL");
        socket.send("not json");
        assertThat(socket.await("refused").getString("code")).isEqualTo("BAD_MESSAGE");

        assertThat(events(clinician, visit)).hasSize(before);
        assertThat(events(otherClinician, otherVisit)).hasSize(otherBefore);
        assertThat(logSoon("Signalling refused: WRONG_VISIT")).contains("Signalling refused: WRONG_VISIT");
        socket.close();

        // the clinician's own session, but a page of another site opening the socket
        assertThat(clinician.socket(visit, "http://evil.example").closeCode()).isEqualTo(1008);
        assertThat(logSoon("Signalling socket refused: FOREIGN_ORIGIN")).contains("Signalling socket refused: FOREIGN_ORIGIN");
    }

    /** The server's log once it holds {@code line} (Payara writes its log a moment after the record), at most 10 s. */
    private static String logSoon(String line) throws Exception {
        String log = SharedServer.logText();
        for (int i = 0; i < 50 && !log.contains(line); i++) {
            Thread.sleep(200);
            log = SharedServer.logText();
        }
        return log;
    }

    @Test
    void aPatientCannotAdmitRemoveOrEnd() throws Exception {
        RoomClient patient = patientInLobby(patientLink);
        RoomClient guest = new RoomClient();
        HttpResponse<String> page = clinician.get(SharedServer.baseUri().resolve("visit/" + visit));
        assertThat(guest.get(URI.create(RoomClient.link(page.body(), "guestLink"))).statusCode()).isEqualTo(303);
        RoomClient.Socket patientSocket = patient.socket(visit);
        patientSocket.await("hello");
        RoomClient.Socket guestSocket = guest.socket(visit);
        String guestId = guestSocket.await("hello").getString("self");
        int before = events(clinician, visit).size();

        for (String attempt : List.of("{\"type\":\"admit\",\"id\":\"" + guestId + "\"}", "{\"type\":\"admit-all\"}",
                "{\"type\":\"remove\",\"id\":\"" + guestId + "\"}", "{\"type\":\"end\"}")) {
            patientSocket.send(attempt);
            assertThat(patientSocket.await("refused").getString("code")).as(attempt).isEqualTo("FORBIDDEN");
        }
        // nothing changed: no event, the guest still waits, the visit goes on
        assertThat(events(clinician, visit)).hasSize(before);
        assertThat(eventTypes(clinician, visit)).doesNotContain("VISIT_ENDED");
        clinicianSocket.send("{\"type\":\"ping\",\"n\":7}");
        clinicianSocket.await("pong");
        clinicianSocket.messages.clear();
        clinicianSocket.send("{\"type\":\"admit\",\"id\":\"nobody\"}");
        assertThat(clinicianSocket.await("refused").getString("code")).isEqualTo("NOT_IN_ROOM");
        assertThat(SharedServer.logText()).contains("Signalling refused: FORBIDDEN (admit)")
                .contains("Signalling refused: FORBIDDEN (end)");
        // the lobby socket heard nothing about the room (only its own refusals)
        assertThat(patientSocket.messages).extracting(m -> m.getString("type")).doesNotContain("room", "event");
        patientSocket.close();
        guestSocket.close();
    }

    @Test
    void aReloadComesBackAdmittedWithoutANewAdmission() {
        RoomClient patient = patientInLobby(patientLink);
        RoomClient.Socket first = patient.socket(visit);
        String me = first.await("hello").getString("self");
        clinicianSocket.send("{\"type\":\"admit\",\"id\":\"" + me + "\"}");
        first.await("admitted");
        first.send("{\"type\":\"join\"}");
        first.await("call");

        // the reloaded page opens its socket before the old one closes
        RoomClient.Socket second = patient.socket(visit);
        JsonObject hello = second.await("hello");
        assertThat(hello.getString("self")).isEqualTo(me);
        assertThat(hello.getString("state")).isEqualTo("ADMITTED");
        first.close();
        second.send("{\"type\":\"join\"}");
        second.await("call");
        second.close();
        clinicianSocket.await(m -> m.getString("type").equals("event") && m.getString("event").equals("DISCONNECTED")
                && m.getString("attendee", "").equals(me));
        List<String> mine = events(clinician, visit).getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("attendee", "").equals(me)).map(e -> e.getString("type")).toList();
        // one admission; the old page's close was not a departure
        assertThat(mine).containsExactly("LOBBY_JOINED", "ADMITTED", "CONNECTED", "CONNECTED", "DISCONNECTED");
    }

    @Test
    void aSilentSocketIsClosedAfterTheHeartbeatTimeoutAndItsAttendeeDisconnected() {
        RoomClient patient = patientInLobby(patientLink);
        RoomClient.Socket silent = patient.socket(visit);
        String me = silent.await("hello").getString("self");
        long opened = System.nanoTime();
        // no ping: the server closes it after 30 s (checked every 5 s)
        try {
            assertThat(silent.closed.get(45, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(4000);
        } catch (Exception e) {
            throw new AssertionError("the silent socket was not closed within 45 s", e);
        }
        assertThat((System.nanoTime() - opened) / 1_000_000_000L).isBetween(29L, 41L);
        clinicianSocket.await(m -> m.getString("type").equals("event") && m.getString("event").equals("DISCONNECTED")
                && m.getString("attendee", "").equals(me));
    }

    @Test
    void theDeviceTestPageIsOpenToAnyoneAndRecordsNothing() {
        HttpResponse<String> page = new RoomClient().get(SharedServer.baseUri().resolve("device-test"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Test your camera and microphone", "Nothing is recorded from this page",
                "device-test.js").doesNotContain("room.js");
        HttpResponse<String> script = new RoomClient().get(SharedServer.baseUri().resolve("resources/openvisit/room.js"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("RTCPeerConnection", "getStats");
    }

    @Test
    void tokensAndPageAddressesNeverReachTheLog() throws Exception {
        String token = patientLink.substring(patientLink.indexOf("token=") + 6);
        assertThat(SharedServer.logText()).doesNotContain(token);
    }
}
