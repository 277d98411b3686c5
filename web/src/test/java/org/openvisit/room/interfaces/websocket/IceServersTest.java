package org.openvisit.room.interfaces.websocket;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.openvisit.room.application.TurnCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IceServersTest {

    private static IceServers servers(String urls, String secret, String retiredPassword) {
        IceServers s = new IceServers();
        s.urls = Optional.ofNullable(urls);
        s.turnSecret = Optional.ofNullable(secret);
        s.turnLifetime = "PT8H";
        s.retiredStaticCredential = Optional.ofNullable(retiredPassword);
        s.check();
        s.useClock(Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"), ZoneOffset.UTC));
        return s;
    }

    @Test
    void noServersByDefault() {
        IceServers s = servers(null, null, null);
        assertThat(s.asJson().build()).isEmpty();
        assertThat(s.relayOffered()).isFalse();
    }

    @Test
    void turnServersGetAFreshCredentialAndComeUdpThenTcpThenTls() {
        IceServers s = servers("turns:turn.example.org:443?transport=tcp, stun:stun.example.org:3478,"
                + "turn:turn.example.org:3478?transport=tcp,turn:turn.example.org:3478?transport=udp", "north-wind", null);
        JsonArray first = s.asJson().build();
        JsonArray second = s.asJson().build();

        assertThat(first).hasSize(2);
        assertThat(first.getJsonObject(0).getJsonArray("urls").getString(0)).isEqualTo("stun:stun.example.org:3478");
        assertThat(first.getJsonObject(0).containsKey("credential")).isFalse();
        JsonObject relay = first.getJsonObject(1);
        assertThat(relay.getJsonArray("urls").getValuesAs(jakarta.json.JsonString::getString)).containsExactly(
                "turn:turn.example.org:3478?transport=udp", "turn:turn.example.org:3478?transport=tcp",
                "turns:turn.example.org:443?transport=tcp");
        String username = relay.getString("username");
        long expiry = Long.parseLong(username.substring(0, username.indexOf(':')));
        assertThat(expiry).isEqualTo(Instant.parse("2026-12-04T18:00:00Z").getEpochSecond());
        assertThat(relay.getString("credential"))
                .isEqualTo(new TurnCredentials("north-wind", Duration.ofHours(1)).passwordFor(username));
        assertThat(second.getJsonObject(1).getString("username")).isNotEqualTo(username);
        assertThat(s.relayOffered()).isTrue();
    }

    @Test
    void withoutTheSharedSecretNoTurnServerIsGivenAndNoFixedPasswordEver() {
        IceServers s = servers("stun:stun.example.org:3478,turn:turn.example.org:3478", null, "static-password");
        JsonArray json = s.asJson().build();
        assertThat(json).hasSize(1);
        assertThat(json.toString()).doesNotContain("turn.example.org", "static-password");
        assertThat(s.relayOffered()).isFalse();
    }

    @Test
    void addressesOfOtherKindsAreLeftOut() {
        IceServers s = servers("http://turn.example.org, stun:ok.example.org", null, null);
        assertThat(s.asJson().build().toString()).doesNotContain("http://").contains("stun:ok.example.org");
    }

    @Test
    void aBadLifetimeStopsTheStartWithWhatToWrite() {
        IceServers s = new IceServers();
        s.urls = Optional.of("turn:turn.example.org:3478");
        s.turnSecret = Optional.of("north-wind");
        s.turnLifetime = "8 hours";
        s.retiredStaticCredential = Optional.empty();
        assertThatThrownBy(s::check).hasMessageContaining("PT8H");
    }

    @Test
    void transportsRankUdpTcpTls() {
        assertThat(List.of("turns:a:443?transport=tcp", "turn:a:3478?transport=tcp", "turn:a:3478").stream()
                .sorted(java.util.Comparator.comparingInt(IceServers::transportRank)).toList())
                .containsExactly("turn:a:3478", "turn:a:3478?transport=tcp", "turns:a:443?transport=tcp");
    }
}
