package org.openvisit.writeback.application;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    @Test
    void doublesEachTimeUpToTheCap() {
        assertThat(backoff.step(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.step(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.step(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.step(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.step(1000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void jitterStaysInTheUpperHalfOfTheStep() {
        assertThat(backoff.delay(3, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(3, Optional.empty(), () -> 0.999999)).isBetween(Duration.ofMillis(7990), Duration.ofSeconds(8));
        assertThat(backoff.delay(3, Optional.empty(), () -> 0.5)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void neverSoonerThanTheEhrsRetryAfterButNotForeverEither() {
        assertThat(backoff.delay(1, Optional.of(Duration.ofSeconds(30)), () -> 0.5)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(1, Optional.of(Duration.ofMillis(100)), () -> 0.5)).isEqualTo(Duration.ofMillis(1500));
        assertThat(backoff.delay(1, Optional.of(Duration.ofDays(2)), () -> 0.5)).isEqualTo(Backoff.MAX_RETRY_AFTER);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
