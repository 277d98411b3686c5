package org.openvisit.room.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TurnCredentialsTest {

    private final TurnCredentials credentials = new TurnCredentials("north-wind", Duration.ofHours(8));

    @Test
    void thePasswordIsTheSchemesHmacOfTheUsername() {
        // computed independently: echo -n '1767225600:abc' | openssl dgst -sha1 -hmac 'north-wind' -binary | base64
        assertThat(credentials.passwordFor("1767225600:abc")).isEqualTo("+ps+E/2wGJhN4PMX05kosnSCkTw=");
    }

    @Test
    void aCredentialExpiresAfterItsLifetimeAndNamesNobody() {
        Instant now = Instant.parse("2026-12-04T10:15:30.700Z");
        TurnCredentials.Credential c = credentials.mint(now);

        assertThat(c.expiresAt()).isEqualTo(Instant.parse("2026-12-04T18:15:30Z"));
        assertThat(c.username()).startsWith(c.expiresAt().getEpochSecond() + ":");
        String label = c.username().substring(c.username().indexOf(':') + 1);
        assertThat(label).matches("[A-Za-z0-9_-]{12}");
        assertThat(c.password()).isEqualTo(credentials.passwordFor(c.username()));
    }

    @Test
    void eachCredentialIsNew() {
        Instant now = Instant.now();
        assertThat(credentials.mint(now).username()).isNotEqualTo(credentials.mint(now).username());
    }

    @Test
    void anotherSecretGivesAnotherPassword() {
        TurnCredentials other = new TurnCredentials("south-wind", Duration.ofHours(8));
        assertThat(other.passwordFor("1767225600:abc")).isNotEqualTo(credentials.passwordFor("1767225600:abc"));
    }

    @Test
    void anEmptySecretOrNoLifetimeIsRefused() {
        assertThatThrownBy(() -> new TurnCredentials(" ", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TurnCredentials("s", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
