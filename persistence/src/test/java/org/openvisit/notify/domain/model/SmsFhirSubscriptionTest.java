package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The subscription's states, its secret check and the gap logic over event numbers (including hostile numbers). */
class SmsFhirSubscriptionTest {

    private static final Instant T0 = Instant.parse("2027-03-09T10:00:00Z");

    private static SmsFhirSubscription made() {
        SmsFhirSubscription s = new SmsFhirSubscription(UUID.randomUUID(), UUID.randomUUID(), T0);
        s.want("https://ehr.example.org/topic/appointment", T0);
        s.prepare("hook", "secret-1");
        s.created("sub-1", T0.plus(Duration.ofDays(7)), T0, T0.plusSeconds(60));
        return s;
    }

    @Test
    void noTopicIsOffAndNeverClaimed() {
        SmsFhirSubscription s = new SmsFhirSubscription(UUID.randomUUID(), UUID.randomUUID(), T0);
        s.want("  ", T0);
        assertThat(s.state()).isEqualTo(SubscriptionState.OFF);
        assertThat(s.claim(T0.plusSeconds(5), Duration.ofMinutes(1))).isFalse();
        s.want("https://ehr.example.org/topic/appointment", T0);
        assertThat(s.state()).isEqualTo(SubscriptionState.PENDING);
        assertThat(s.claim(T0, Duration.ofMinutes(1))).isTrue();
        assertThat(s.claim(T0.plusSeconds(30), Duration.ofMinutes(1))).as("held").isFalse();
    }

    @Test
    void consecutiveNumbersAreNoGapAndRepeatsAreIgnored() {
        SmsFhirSubscription s = made();
        s.handshake(T0);
        assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(s.notified(1, List.of(1L), T0)).isFalse();
        assertThat(s.notified(3, List.of(2L, 3L), T0)).isFalse();
        assertThat(s.notified(3, List.of(3L), T0)).as("the same again").isFalse();
        assertThat(s.notified(2, List.of(2L), T0)).as("an older one late").isFalse();
        assertThat(s.notified(3, List.of(), T0)).as("a heartbeat that agrees").isFalse();
        assertThat(s.eventsSeen()).isEqualTo(3);
    }

    @Test
    void aSkippedNumberOrAHigherCountIsAGap() {
        SmsFhirSubscription s = made();
        assertThat(s.notified(1, List.of(1L), T0)).isFalse();
        assertThat(s.notified(3, List.of(3L), T0)).as("2 never came").isTrue();
        assertThat(s.notified(5, List.of(), T0)).as("a heartbeat counting more").isTrue();
        assertThat(s.eventsSeen()).isEqualTo(5);
        assertThat(s.notified(6, List.of(6L), T0)).isFalse();
    }

    @Test
    void hostileNumbersDoNotBreakTheCount() {
        SmsFhirSubscription s = made();
        assertThat(s.notified(Long.MAX_VALUE, List.of(), T0)).isTrue();
        assertThat(s.eventsSeen()).isEqualTo(Long.MAX_VALUE);
        SmsFhirSubscription other = made();
        assertThat(other.notified(-5, List.of(-1L, 0L), T0)).isFalse();
        assertThat(other.eventsSeen()).isZero();
    }

    @Test
    void theSecretIsCheckedAndANewSubscriptionForgetsTheOld() {
        SmsFhirSubscription s = made();
        assertThat(s.secretMatches("secret-1")).isTrue();
        assertThat(s.secretMatches("secret-2")).isFalse();
        assertThat(s.secretMatches(null)).isFalse();
        assertThat(s.secretMatches("")).isFalse();
        s.notified(4, List.of(4L), T0);
        s.prepare("hook-2", "secret-2");
        s.created("sub-2", T0.plus(Duration.ofDays(7)), T0, T0);
        assertThat(s.secretMatches("secret-1")).isFalse();
        assertThat(s.eventsSeen()).isZero();
        assertThat(s.state()).isEqualTo(SubscriptionState.REQUESTED);
    }

    @Test
    void aHandshakeBeforeTheEhrAnsweredTheCreateMakesItActive() {
        SmsFhirSubscription s = new SmsFhirSubscription(UUID.randomUUID(), UUID.randomUUID(), T0);
        s.want("https://ehr.example.org/topic/appointment", T0);
        s.prepare("hook", "secret");
        s.handshake(T0);
        s.created("sub-1", T0.plus(Duration.ofDays(7)), T0, T0.plusSeconds(60));
        assertThat(s.state()).isEqualTo(SubscriptionState.ACTIVE);
        assertThat(s.activeSince(T0.plusSeconds(30), Duration.ofMinutes(1))).isTrue();
        assertThat(s.activeSince(T0.plusSeconds(90), Duration.ofMinutes(1))).as("silent too long").isFalse();
    }

    @Test
    void anErrorOrRefusalIsKeptInWordsAndTriedAgain() {
        SmsFhirSubscription s = made();
        s.notOffered("x".repeat(900), T0, T0.plus(Duration.ofHours(6)));
        assertThat(s.state()).isEqualTo(SubscriptionState.NOT_OFFERED);
        assertThat(s.reason().orElseThrow()).hasSize(500);
        assertThat(s.claim(T0.plusSeconds(5), Duration.ofMinutes(1))).isFalse();
        assertThat(s.claim(T0.plus(Duration.ofHours(6)), Duration.ofMinutes(1))).isTrue();
        s.reportedError(T0);
        assertThat(s.state()).isEqualTo(SubscriptionState.ERROR);
        assertThat(s.listening()).isFalse();
    }
}
