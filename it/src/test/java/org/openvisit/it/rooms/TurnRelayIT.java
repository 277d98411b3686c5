package org.openvisit.it.rooms;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Test;
import org.openvisit.it.launch.ApprovedEndpoint;
import org.openvisit.it.support.SharedServer;
import org.openvisit.it.support.TurnServer;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TURN relay as a browser meets it: the socket's hello carries the relay's addresses with a credential made for
 * that socket, and a real coturn (run with the secret the server was configured with) relays with exactly that
 * credential, over UDP and TCP, and refuses a changed password, an expired one, and the same label with a later
 * expiry. No credential reaches the server's log.
 */
class TurnRelayIT {

    @Test
    void theRelayTakesTheCredentialOfTheSocketAndNothingElse() throws Exception {
        String launchUrl = ApprovedEndpoint.at(SharedServer.sandboxUri().resolve("fhir").toString(), "Turn relay clinic")
                .providerLaunchUrl();
        RoomClient clinician = new RoomClient();
        HttpResponse<String> page = clinician.launchAsClinician("Practitioner/prac-ben-lindqvist", "appt-1006", launchUrl);
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        String visit = clinician.visitId();
        RoomClient patient = new RoomClient();
        String link = RoomClient.link(page.body(), "patientLink");
        assertThat(patient.get(URI.create(link)).statusCode()).isEqualTo(303);
        RoomClient.Socket socket = patient.socket(visit);
        JsonObject hello = socket.await("hello");
        socket.close();

        JsonArray servers = hello.getJsonArray("iceServers");
        JsonObject relay = servers.getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getJsonArray("urls").getString(0).startsWith("turn:")).findFirst().orElseThrow();
        TurnServer turn = SharedServer.turn();
        assertThat(relay.getJsonArray("urls").getValuesAs(JsonString::getString)).containsExactly(
                "turn:127.0.0.1:" + turn.port() + "?transport=udp", "turn:127.0.0.1:" + turn.port() + "?transport=tcp");
        String username = relay.getString("username");
        String password = relay.getString("credential");
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(Instant.ofEpochSecond(expiry)).isBetween(Instant.now().plus(Duration.ofHours(7)),
                Instant.now().plus(Duration.ofHours(8)).plusSeconds(5));
        assertThat(username).doesNotContain(visit).doesNotContain(hello.getString("self"));

        assertThat(turn.relays(username, password, false)).as("UDP relay with the socket's credential").isTrue();
        assertThat(turn.relays(username, password, true)).as("TCP relay with the socket's credential").isTrue();
        String tampered = (password.charAt(0) == 'A' ? "B" : "A") + password.substring(1);
        assertThat(turn.relays(username, tampered, false)).as("a changed password").isFalse();
        String label = username.substring(username.indexOf(':'));
        assertThat(turn.relays((expiry + 86_400) + label, password, false)).as("a later expiry, same password")
                .isFalse();
        // a second socket gets a credential of its own
        RoomClient.Socket again = patient.socket(visit);
        JsonObject second = again.await("hello").getJsonArray("iceServers").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.containsKey("username")).findFirst().orElseThrow();
        again.close();
        assertThat(second.getString("username")).isNotEqualTo(username);

        assertThat(SharedServer.logText()).doesNotContain(password).doesNotContain(username);
        assertThat(List.of(turn.log().split("\n"))).noneMatch(line -> line.contains(password));
    }
}
