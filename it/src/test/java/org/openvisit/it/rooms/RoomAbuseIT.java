package org.openvisit.it.rooms;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvisit.it.launch.ApprovedEndpoint;
import org.openvisit.it.support.Http;
import org.openvisit.it.support.SharedServer;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one browser can cause in a visit, over real HTTP and WebSocket (issue 20): a flood of device-test results
 * and of reconnects from one lobby is refused past its limit, counted at {@code /metrics}, and never becomes
 * events (so never reaches the EHR); a removed patient's link is refused on any browser while a new link from the
 * clinician's page works.
 */
class RoomAbuseIT {

    private static RoomClient clinician;
    /**
     * An organization of its own on the sandbox's EHR, so that this test's visit is nobody else's: the floods here
     * use up limits, and another test ends the demo organization's visit of the same appointment.
     */
    private static String launchUrl;
    private static String visit;
    private static RoomClient.Socket clinicianSocket;

    @BeforeAll
    static void launch() {
        launchUrl = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(), "Room abuse clinic")
                .providerLaunchUrl();
        clinician = new RoomClient();
        HttpResponse<String> page = clinician.launchAsClinician("Practitioner/prac-chen-wu", "appt-1006", launchUrl);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        visit = clinician.visitId();
        clinicianSocket = clinician.socket(visit);
        clinicianSocket.await("hello");
    }

    @AfterAll
    static void close() {
        if (clinicianSocket != null) {
            clinicianSocket.close();
        }
    }

    private static String freshPatientLink() {
        HttpResponse<String> page = clinician.get(SharedServer.baseUri().resolve("visit/" + visit));
        assertThat(page.statusCode()).isEqualTo(200);
        return RoomClient.link(page.body(), "patientLink");
    }

    private static RoomClient inLobby(String link) {
        RoomClient patient = new RoomClient();
        HttpResponse<String> join = patient.get(URI.create(link));
        assertThat(join.statusCode()).as(join.body()).isEqualTo(303);
        return patient;
    }

    private static List<String> eventsOf(String attendee) {
        HttpResponse<String> r = clinician.get(SharedServer.baseUri().resolve("visit/" + visit + "/events"));
        assertThat(r.statusCode()).isEqualTo(200);
        return Json.createReader(new StringReader(r.body())).readArray().getValuesAs(JsonObject.class).stream()
                .filter(e -> e.getString("attendee", "").equals(attendee)).map(e -> e.getString("type")).toList();
    }

    @Test
    void aFloodOfDeviceTestsRecordsOnlyTheLimitAndIsCounted() throws Exception {
        RoomClient patient = inLobby(freshPatientLink());
        RoomClient.Socket socket = patient.socket(visit);
        String me = socket.await("hello").getString("self");
        for (int i = 0; i < 40; i++) {
            socket.send("{\"type\":\"device-test\",\"result\":{\"camera\":\"ok\",\"microphone\":\"ok\"}}");
        }
        socket.send("{\"type\":\"ping\",\"n\":99}");
        List<JsonObject> heard = new java.util.ArrayList<>();
        socket.await(m -> !heard.add(m) || m.getString("type").equals("pong") && m.getInt("n") == 99);
        long recorded = heard.stream().filter(m -> m.getString("type").equals("device-test-recorded")).count();
        List<JsonObject> refused = heard.stream().filter(m -> m.getString("type").equals("refused")).toList();
        assertThat(recorded).isEqualTo(5);
        assertThat(refused).hasSize(35).allSatisfy(m -> assertThat(m.getString("code")).isEqualTo("TOO_MANY"));
        assertThat(eventsOf(me).stream().filter("DEVICE_TEST"::equals).count()).isEqualTo(5);
        socket.close();

        HttpResponse<String> metrics = Http.getAsOperator(SharedServer.baseUri().resolve("metrics"));
        assertThat(metrics.body()).containsPattern("room_refused_total\\{[^}]*kind=\"device_test\"[^}]*} ([3-9]\\d|\\d{3,})");
    }

    @Test
    void aFloodOfReconnectsIsRefusedPastTheLimitAndAddsNoEvents() {
        RoomClient patient = inLobby(freshPatientLink());
        String me = null;
        int refused = 0;
        for (int i = 0; i < 30; i++) {
            RoomClient.Socket socket = patient.socket(visit);
            JsonObject first = socket.await(m -> true);
            
            if (first.getString("type").equals("hello")) {
                me = first.getString("self");
                socket.close();
                socket.closeCode();
            } else {
                assertThat(first.getString("code")).isEqualTo("TOO_MANY");
                assertThat(socket.closeCode()).isEqualTo(1008);
                refused++;
            }
        }
        assertThat(refused).isEqualTo(10);
        List<String> mine = eventsOf(me);
        // a close may still be on its way when the next socket opens (then it is no departure): at most the limit
        assertThat(mine.stream().filter("LOBBY_JOINED"::equals).count()).isBetween(1L, 20L);
        assertThat(mine).hasSizeLessThanOrEqualTo(40);
    }

    @Test
    void aRemovedPatientsLinkIsRefusedOnAnyBrowserAndANewLinkWorks() {
        String link = freshPatientLink();
        RoomClient patient = inLobby(link);
        RoomClient.Socket socket = patient.socket(visit);
        String me = socket.await("hello").getString("self");
        clinicianSocket.send("{\"type\":\"remove\",\"id\":\"" + me + "\"}");
        socket.await("removed");

        HttpResponse<String> again = new RoomClient().get(URI.create(link));
        assertThat(again.statusCode()).isEqualTo(403);
        assertThat(again.body()).contains("REVOKED").doesNotContain("Exception");
        assertThat(patient.socket(visit).closeCode()).as("the same browser's socket").isEqualTo(1008);

        RoomClient reinvited = inLobby(freshPatientLink());
        RoomClient.Socket second = reinvited.socket(visit);
        JsonObject hello = second.await("hello");
        assertThat(hello.getString("state")).isEqualTo("WAITING");
        assertThat(hello.getString("self")).isNotEqualTo(me);
        second.close();
    }

    @Test
    void aThousandBadFramesGiveAFewLogLinesAndNoForgedOne() throws Exception {
        RoomClient patient = inLobby(freshPatientLink());
        RoomClient.Socket socket = patient.socket(visit);
        String me = socket.await("hello").getString("self");
        String forged = "x\r\n1999-01-01T00:00:00 SEVERE [forged] the server is down";
        for (int i = 0; i < 1000; i++) {
            socket.send(Json.createObjectBuilder().add("type", i % 2 == 0 ? forged : forged.substring(0, 20))
                    .build().toString());
        }
        socket.send("{\"type\":\"ping\",\"n\":7}");
        socket.await(m -> m.getString("type").equals("pong"));
        socket.close();
        String log = SharedServer.logText();
        long lines = log.lines().filter(l -> l.contains("Signalling refused: UNKNOWN_MESSAGE") && l.contains(me)).count();
        // at most 20 per clock minute: a slow machine may spread the frames over a minute's turn, so two minutes' worth
        assertThat(lines).isBetween(1L, 45L);
        assertThat(log.lines().filter(l -> l.startsWith("1999-01-01"))).as("no forged line").isEmpty();
    }

    @Test
    void aSocketFromAnHttpsPageOfTheSameHostAndPortIsAnotherOrigin() {
        RoomClient colleague = new RoomClient(); // a browser of its own: the main clinician socket stays as it is
        assertThat(colleague.launchAsClinician("Practitioner/prac-chen-wu", "appt-1006", launchUrl).statusCode()).isEqualTo(200);
        String hostAndPort = "127.0.0.1:" + SharedServer.baseUri().getPort();
        assertThat(colleague.socket(colleague.visitId(), "https://" + hostAndPort).closeCode()).isEqualTo(1008);
        RoomClient.Socket same = colleague.socket(colleague.visitId(), "http://" + hostAndPort);
        assertThat(same.await("hello").getString("role")).isEqualTo("PROVIDER");
        same.close();
    }
}
