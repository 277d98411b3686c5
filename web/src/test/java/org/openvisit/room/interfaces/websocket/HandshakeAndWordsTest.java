package org.openvisit.room.interfaces.websocket;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HandshakeAndWordsTest {

    @Test
    void onlyPagesOfThisServerOrClientsWithoutAnOriginMayOpenASocket() {
        assertThat(HandshakeSession.sameOrigin(Map.of("Host", List.of("127.0.0.1:8080"),
                "Origin", List.of("http://127.0.0.1:8080")))).isTrue();
        assertThat(HandshakeSession.sameOrigin(Map.of("host", List.of("openvisit.example.org"),
                "origin", List.of("https://openvisit.example.org")))).isTrue();
        assertThat(HandshakeSession.sameOrigin(Map.of("Host", List.of("127.0.0.1:8080")))).isTrue();
        assertThat(HandshakeSession.sameOrigin(Map.of("Host", List.of("127.0.0.1:8080"),
                "Origin", List.of("http://evil.example")))).isFalse();
        assertThat(HandshakeSession.sameOrigin(Map.of("Host", List.of("127.0.0.1:8080"),
                "Origin", List.of("http://127.0.0.1:9090")))).isFalse();
        assertThat(HandshakeSession.sameOrigin(Map.of("Origin", List.of("null")))).isFalse();
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
}
