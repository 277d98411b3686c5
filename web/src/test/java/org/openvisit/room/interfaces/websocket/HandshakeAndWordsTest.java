package org.openvisit.room.interfaces.websocket;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeAndWordsTest {

    private static boolean same(String host, String origin, String scheme, String publicUrl) {
        java.util.Map<String, List<String>> headers = new java.util.HashMap<>();
        if (host != null) {
            headers.put("Host", List.of(host));
        }
        if (origin != null) {
            headers.put("Origin", List.of(origin));
        }
        return HandshakeSession.sameOrigin(headers, scheme, publicUrl);
    }

    @Test
    void onlyPagesOfThisServerOrClientsWithoutAnOriginMayOpenASocket() {
        assertThat(same("127.0.0.1:8080", "http://127.0.0.1:8080", "ws", null)).isTrue();
        assertThat(HandshakeSession.sameOrigin(Map.of("host", List.of("openvisit.example.org"),
                "origin", List.of("https://openvisit.example.org")), "wss", null)).isTrue();
        assertThat(same("127.0.0.1:8080", null, "ws", null)).isTrue();
        assertThat(same("127.0.0.1:8080", "http://evil.example", "ws", null)).isFalse();
        assertThat(same("127.0.0.1:8080", "http://127.0.0.1:9090", "ws", null)).isFalse();
        assertThat(same(null, "null", "ws", null)).isFalse();
    }

    @Test
    void theSchemeCountsToo() {
        assertThat(same("127.0.0.1:8080", "https://127.0.0.1:8080", "ws", null)).as("https page, ws socket").isFalse();
        assertThat(same("openvisit.example.org", "http://openvisit.example.org", "wss", null)).isFalse();
        assertThat(same("openvisit.example.org", "https://openvisit.example.org:443", "wss", null)).isTrue();
        // behind a TLS proxy the socket comes in as ws: the public address says what the pages' origin is
        assertThat(same("openvisit.example.org", "https://openvisit.example.org", "ws",
                "https://openvisit.example.org/")).isTrue();
        assertThat(same("openvisit.example.org", "http://openvisit.example.org", "ws",
                "https://openvisit.example.org")).isFalse();
    }

    @Test
    void deviceTestResultsBecomeFixedWordsWhateverTheBrowserSends() {
        assertThat(DeviceTestWords.of(Json.createObjectBuilder().add("camera", "ok").add("microphone", "failed")
                .add("speaker", "ok").add("connection", "Jane Doe's iPhone").build()))
                .isEqualTo("Camera works. Microphone does not work. Speaker works. Connection not tested.");
        assertThat(DeviceTestWords.of(null)).isEqualTo(
                "Camera not tested. Microphone not tested. Speaker not tested. Connection not tested.");
        assertThat(DeviceTestWords.of(Json.createObjectBuilder().add("camera", "blocked").build()))
                .startsWith("Camera was not allowed by the browser.");
    }

    @Test
    void theRelayCheckIsSaidOnlyWhereARelayWasOffered() {
        assertThat(DeviceTestWords.of(Json.createObjectBuilder().add("connection", "ok").add("relay", "failed").build()))
                .endsWith("Connection works. Relay server does not work.");
        assertThat(DeviceTestWords.of(Json.createObjectBuilder().add("connection", "ok").build()))
                .doesNotContain("Relay");
    }
}
