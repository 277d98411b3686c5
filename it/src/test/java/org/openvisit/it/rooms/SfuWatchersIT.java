package org.openvisit.it.rooms;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openvisit.it.launch.ApprovedEndpoint;
import org.openvisit.it.support.Browser;
import org.openvisit.it.support.SharedServer;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openvisit.it.rooms.RoomPages.text;

/**
 * The largest group visit (issue 21: "up to 12 people with video, up to 50 with the clinician's video and audio
 * only"), over real HTTP and WebSocket against the shared server with its real Janus and the shipped limits: a
 * clinician and 50 guests, each a browser of its own (own cookie, own lobby socket; 49 of them over sockets, one a
 * real page). Admit all gives each guest their own SFU access; the first eleven guests who join get places with video
 * (twelve with the clinician), the next ones join watching and are told so, with the clinician named among the people
 * in the call (their pages subscribe to the clinicians alone); the real page, the first to watch, says in words that it watches,
 * sends nothing (no camera, no publisher connection, microphone and camera buttons off) and is on the SFU; the 51st
 * person is refused as the call is full and stays admitted; when a guest with video leaves, the one who has watched
 * longest (the real page) takes the freed place: its camera goes on and it publishes. The clinician's page lists
 * who watches; every join is one CONNECTED event. Media through Janus for that many is measured by bench/sfu.sh 50
 * (bench/README.md "SFU figures"); Janus letting fifty tokens join one room by JanusSfuRoomsTest.
 */
class SfuWatchersIT {

    private static final int WITH_VIDEO = 12;
    private static final int IN_ALL = 50;

    /** The guest joins the call over its socket: whether it watches (and then it learns who the clinician is). */
    private static boolean joinOverSocket(RoomClient.Socket socket, String docId) {
        socket.send("{\"type\":\"join\"}");
        JsonObject call = socket.await("call");
        if (call.getBoolean("watching")) {
            assertThat(call.getJsonArray("peers").getValuesAs(JsonObject.class))
                    .filteredOn(p -> p.getString("id").equals(docId))
                    .singleElement().satisfies(p -> {
                        assertThat(p.getString("role")).isEqualTo("PROVIDER");
                        assertThat(p.getBoolean("watching")).isFalse();
                    });
        }
        return call.getBoolean("watching");
    }

    @SuppressWarnings("unchecked")
    @Test
    void beyondTwelveWithVideoGuestsWatchTheClinicianUntilFifty() throws Exception {
        assumeTrue(SharedServer.janus().isPresent(), "Debian's janus is not installed (apt-get install janus): "
                + "group visits through the SFU are not tried");
        String launchUrl = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(),
                "Group class clinic").providerLaunchUrl();
        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.launchAsClinician("Practitioner/prac-chen-wu", "appt-1005", launchUrl);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        HttpResponse<String> visitPage = clinician.get(SharedServer.baseUri().resolve("visit/" + visit));
        assertThat(visitPage.statusCode()).isEqualTo(200);
        String guestLink = RoomClient.link(visitPage.body(), "guestLink");
        RoomClient.Socket doc = clinician.socket(visit);
        List<RoomClient.Socket> sockets = new ArrayList<>(List.of(doc));
        try {
            String docId = doc.await("hello").getString("self");
            doc.send("{\"type\":\"join\"}");
            assertThat(doc.await("call").getBoolean("watching")).isFalse();

            List<RoomClient.Socket> guests = new ArrayList<>();
            List<String> guestIds = new ArrayList<>();
            for (int i = 0; i < IN_ALL - 1; i++) { // 49 guests over sockets; one more guest in a real browser below
                RoomClient guest = new RoomClient();
                HttpResponse<String> join = guest.get(URI.create(guestLink));
                assertThat(join.statusCode()).as(join.body()).isEqualTo(303);
                RoomClient.Socket socket = guest.socket(visit);
                sockets.add(socket);
                JsonObject hello = socket.await("hello");
                assertThat(hello.getString("state")).isEqualTo("WAITING");
                guests.add(socket);
                guestIds.add(hello.getString("self"));
            }
            doc.send("{\"type\":\"admit-all\"}");
            Map<String, JsonObject> access = new HashMap<>();
            for (int i = 0; i < guests.size(); i++) {
                JsonObject sfu = guests.get(i).await(m -> m.getString("type").equals("sfu"), Duration.ofSeconds(60));
                access.put(guestIds.get(i), sfu);
                guests.get(i).await("admitted");
            }
            assertThat(access.values()).extracting(a -> a.getString("token")).doesNotHaveDuplicates();
            assertThat(access.values()).extracting(a -> a.getString("room")).containsOnly("visit-" + visit);

            List<Boolean> watching = new ArrayList<>();
            long joinsStarted = System.nanoTime();
            for (int i = 0; i < WITH_VIDEO - 1; i++) { // 11 join with video (12 with the clinician)
                watching.add(joinOverSocket(guests.get(i), docId));
            }
            long firstJoins = System.nanoTime() - joinsStarted;
            assertThat(watching).containsOnly(false);

            // a patient's real page (fake devices), admitted on its own: the first to join watching, and says so
            try (Browser patient = Browser.open(RoomPages.MEDIA)) {
                patient.driver().get(guestLink);
                patient.waitUpTo(Duration.ofSeconds(15)).until(d -> text(patient, "roomStatus").startsWith("Waiting for your clinician"));
                String pageId = (String) ((JavascriptExecutor) patient.driver()).executeScript("return window.OpenVisitRoom.self;");
                doc.send("{\"type\":\"admit\",\"id\":\"" + pageId + "\"}");
                patient.waitUpTo(Duration.ofSeconds(30)).until(d -> text(patient, "roomStatus").startsWith("Every place with video"));
                Map<String, Object> state = (Map<String, Object>) ((JavascriptExecutor) patient.driver()).executeScript("""
                        const r = window.OpenVisitRoom;
                        return { watching: r.watching, sfu: !!r.sfuCall, publishing: !!(r.sfuCall && r.sfuCall.publisherPc),
                                 camera: !!r.localStream, mute: document.getElementById('mute').disabled,
                                 cameraButton: document.getElementById('camera').disabled };""");
                assertThat(state).containsEntry("watching", true).containsEntry("sfu", true)
                        .containsEntry("publishing", false).containsEntry("camera", false)
                        .containsEntry("mute", true).containsEntry("cameraButton", true);
                guestIds.add(pageId);

                long moreJoins = System.nanoTime();
                for (int i = WITH_VIDEO - 1; i < IN_ALL - 2; i++) { // 37 more join watching: 50 in the call
                    watching.add(joinOverSocket(guests.get(i), docId));
                }
                System.out.println("SfuWatchersIT: 48 joins one after another, " + Duration.ofNanos(firstJoins
                        + System.nanoTime() - moreJoins).toMillis() / 48 + " ms each on average (join sent -> call answered)");
                assertThat(watching.subList(WITH_VIDEO - 1, IN_ALL - 2)).hasSize(IN_ALL - WITH_VIDEO - 1).containsOnly(true);

                // the call holds 50: one more is refused and stays admitted
                RoomClient.Socket last = guests.get(IN_ALL - 2);
                last.send("{\"type\":\"join\"}");
                JsonObject refused = last.await("refused");
                assertThat(refused.getString("code")).isEqualTo("CALL_FULL");
                assertThat(refused.getString("message")).contains(String.valueOf(IN_ALL));

                // the clinician's page: who watches, who has video, who is admitted but out of the call
                Map<String, JsonObject> latest = new HashMap<>();
                long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < until && !(latest.keySet().containsAll(guestIds)
                        && latest.values().stream().filter(a -> a.getBoolean("watching")).count() == IN_ALL - WITH_VIDEO)) {
                    JsonObject m = doc.await(x -> x.getString("type").equals("attendee"), Duration.ofSeconds(30));
                    latest.put(m.getString("id"), m);
                }
                assertThat(latest.values()).filteredOn(a -> a.getBoolean("watching"))
                        .hasSize(IN_ALL - WITH_VIDEO).allSatisfy(a -> assertThat(a.getString("state")).isEqualTo("IN_CALL"));
                assertThat(latest.get(guestIds.get(IN_ALL - 2)).getString("state")).isEqualTo("ADMITTED");

                // a guest with video leaves: the one who has watched longest, the real page, takes the freed place: it
                // turns its camera on and publishes
                guests.get(0).send("{\"type\":\"leave\"}");
                patient.waitUpTo(Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "const r = window.OpenVisitRoom; return !r.watching && !!r.localStream && !!(r.sfuCall && r.sfuCall.publisherPc);")));
                assertThat(text(patient, "roomStatus")).isEqualTo("In the call.");
                assertThat(patient.driver().findElement(By.id("mute")).isEnabled()).isTrue();
                JsonObject row = doc.await(m -> m.getString("type").equals("attendee")
                        && m.getString("id").equals(pageId) && !m.getBoolean("watching"));
                assertThat(row.getString("state")).isEqualTo("IN_CALL");
            }

            HttpResponse<String> events = clinician.get(SharedServer.baseUri().resolve("visit/" + visit + "/events"));
            assertThat(events.statusCode()).isEqualTo(200);
            long connected = Json.createReader(new StringReader(events.body())).readArray()
                    .getValuesAs(JsonObject.class).stream().filter(e -> e.getString("type").equals("CONNECTED")).count();
            assertThat(connected).isEqualTo(IN_ALL); // the clinician and 49 guests, once each (a promotion is no event)

            doc.send("{\"type\":\"end\"}");
            assertThat(guests.get(IN_ALL - 2).await("ended")).isNotNull();
            assertThat(SharedServer.janus().get().videoRoom("{\"request\":\"exists\",\"room\":\"visit-" + visit + "\"}"))
                    .containsPattern("\"exists\":\\s*false");
        } finally {
            for (RoomClient.Socket socket : sockets) {
                try {
                    socket.close();
                } catch (RuntimeException alreadyClosed) { // the guest who left: the server closed that socket
                    // nothing to close
                }
            }
        }
    }
}
