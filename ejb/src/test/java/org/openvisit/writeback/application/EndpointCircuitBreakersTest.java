package org.openvisit.writeback.application;

import org.junit.jupiter.api.Test;
import org.openvisit.writeback.application.EndpointCircuitBreakers.State;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointCircuitBreakersTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final EndpointCircuitBreakers breakers = new EndpointCircuitBreakers(
            new EndpointCircuitBreakers.Limits(3, Duration.ofSeconds(30), Duration.ofSeconds(100)));
    private final UUID dead = UUID.randomUUID();
    private final UUID healthy = UUID.randomUUID();

    @Test
    void opensAfterTheThresholdOfFailuresInARowForThatEndpointOnly() {
        breakers.failure(dead, T0);
        breakers.failure(dead, T0);
        assertThat(breakers.state(dead, T0)).isEqualTo(State.CLOSED);
        assertThat(breakers.tryAcquire(dead, T0)).isTrue();
        breakers.failure(dead, T0);
        assertThat(breakers.state(dead, T0)).isEqualTo(State.OPEN);
        assertThat(breakers.tryAcquire(dead, T0.plusSeconds(29))).isFalse();
        assertThat(breakers.blocked(T0.plusSeconds(29))).containsExactly(dead);
        assertThat(breakers.tryAcquire(healthy, T0)).isTrue();
        assertThat(breakers.state(healthy, T0)).isEqualTo(State.CLOSED);
    }

    @Test
    void aSuccessInBetweenStartsTheCountAgain() {
        breakers.failure(dead, T0);
        breakers.failure(dead, T0);
        breakers.success(dead);
        breakers.failure(dead, T0);
        breakers.failure(dead, T0);
        assertThat(breakers.state(dead, T0)).isEqualTo(State.CLOSED);
    }

    @Test
    void halfOpenLetsOneTrialThroughAndDoublesTheOpenTimeWhenItFails() {
        for (int i = 0; i < 3; i++) {
            breakers.failure(dead, T0);
        }
        Instant later = T0.plusSeconds(30);
        assertThat(breakers.blocked(later)).isEmpty();
        assertThat(breakers.tryAcquire(dead, later)).isTrue();
        assertThat(breakers.tryAcquire(dead, later)).isFalse();
        assertThat(breakers.blocked(later)).containsExactly(dead);
        breakers.failure(dead, later);
        assertThat(breakers.tryAcquire(dead, later.plusSeconds(59))).isFalse();
        assertThat(breakers.tryAcquire(dead, later.plusSeconds(60))).isTrue();
        breakers.failure(dead, later.plusSeconds(60));
        // 120 s would exceed the cap of 100 s
        assertThat(breakers.tryAcquire(dead, later.plusSeconds(159))).isFalse();
        assertThat(breakers.tryAcquire(dead, later.plusSeconds(160))).isTrue();
        breakers.success(dead);
        assertThat(breakers.state(dead, later.plusSeconds(160))).isEqualTo(State.CLOSED);
        assertThat(breakers.tryAcquire(dead, later.plusSeconds(160))).isTrue();
        assertThat(breakers.tryAcquire(dead, later.plusSeconds(160))).isTrue();
    }

    @Test
    void aRateLimitPausesTheEndpointForItsRetryAfter() {
        breakers.pause(dead, T0.plusSeconds(5));
        assertThat(breakers.tryAcquire(dead, T0.plusSeconds(4))).isFalse();
        assertThat(breakers.tryAcquire(dead, T0.plusSeconds(5))).isTrue();
        breakers.success(dead);
        assertThat(breakers.state(dead, T0.plusSeconds(5))).isEqualTo(State.CLOSED);
    }

    @Test
    void aNeutralOutcomeEndsATrialWithoutOpening() {
        for (int i = 0; i < 3; i++) {
            breakers.failure(dead, T0);
        }
        assertThat(breakers.tryAcquire(dead, T0.plusSeconds(30))).isTrue();
        breakers.neutral(dead);
        assertThat(breakers.state(dead, T0.plusSeconds(30))).isEqualTo(State.CLOSED);
    }

    /** Two nodes joined the way the relay joins them through the grid: news out, adopted on the other side. */
    @Test
    void aCircuitOpenedOnOneNodeIsOpenOnTheOtherUntilATrialSucceedsSomewhere() {
        java.util.Map<UUID, Instant> grid = new java.util.HashMap<>();
        EndpointCircuitBreakers.CircuitNews news = new EndpointCircuitBreakers.CircuitNews() {
            @Override
            public void opened(UUID endpoint, Instant until) {
                grid.merge(endpoint, until, (a, b) -> a.isAfter(b) ? a : b);
            }

            @Override
            public void closed(UUID endpoint) {
                grid.remove(endpoint);
            }
        };
        EndpointCircuitBreakers.Limits limits = new EndpointCircuitBreakers.Limits(3, Duration.ofSeconds(30),
                Duration.ofSeconds(100));
        EndpointCircuitBreakers nodeA = new EndpointCircuitBreakers(limits, news);
        EndpointCircuitBreakers nodeB = new EndpointCircuitBreakers(limits, news);
        for (int i = 0; i < 3; i++) {
            nodeA.failure(dead, T0);
        }
        assertThat(grid).containsEntry(dead, T0.plusSeconds(30));
        grid.forEach((endpoint, until) -> nodeB.adopt(endpoint, until, T0.plusSeconds(1)));
        assertThat(nodeB.tryAcquire(dead, T0.plusSeconds(2))).as("B leaves the dead EHR alone too").isFalse();
        assertThat(nodeB.blocked(T0.plusSeconds(2))).containsExactly(dead);
        assertThat(nodeB.tryAcquire(healthy, T0.plusSeconds(2))).isTrue();

        // A's trial after the pause succeeds: the news removes the entry, and B closes what it adopted
        assertThat(nodeA.tryAcquire(dead, T0.plusSeconds(31))).as("A's trial").isTrue();
        nodeA.success(dead);
        assertThat(grid).isEmpty();
        nodeB.adoptClosed(dead);
        assertThat(nodeB.state(dead, T0.plusSeconds(3))).isEqualTo(State.CLOSED);
        assertThat(nodeB.tryAcquire(dead, T0.plusSeconds(3))).isTrue();
    }

    @Test
    void newsOfAMomentPastOrShorterThanTheOwnPauseChangesNothing() {
        breakers.pause(dead, T0.plusSeconds(60));
        breakers.adopt(dead, T0.plusSeconds(10), T0);
        assertThat(breakers.tryAcquire(dead, T0.plusSeconds(30))).as("still the longer pause").isFalse();
        breakers.adopt(healthy, T0.minusSeconds(1), T0);
        assertThat(breakers.state(healthy, T0)).isEqualTo(State.CLOSED);
    }
}
