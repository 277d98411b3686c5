package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberPaceTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    private static final String FROM = "+12025550100";
    private static final Duration BASE = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void aLongCodeSendsOneMessageASecondAndTheRestWaitForTheirSlots() {
        NumberPace pace = new NumberPace(List.of(), 1, BASE, MAX);
        assertThat(pace.take(FROM, NOW)).isEqualTo(NOW);
        assertThat(pace.take(FROM, NOW)).isEqualTo(NOW.plusSeconds(1));
        assertThat(pace.take(FROM, NOW)).isEqualTo(NOW.plusSeconds(2));
        // another number has its own slots
        assertThat(pace.take("+12025550101", NOW)).isEqualTo(NOW);
        assertThat(pace.rows()).extracting(NumberPace.Row::nextFreeAt)
                .containsExactlyInAnyOrder(NOW.plusSeconds(3), NOW.plusSeconds(1));
    }

    @Test
    void theSlotsComeFromTheLockedRowSoAnotherNodesMessagesCount() {
        // another node took slots up to 10 s from now: this batch's first message waits for them
        NumberPace pace = new NumberPace(List.of(new NumberPace.Row(FROM, NOW.plusSeconds(10), 0)), 2, BASE, MAX);
        assertThat(pace.take(FROM, NOW)).isEqualTo(NOW.plusSeconds(10));
        assertThat(pace.take(FROM, NOW)).isEqualTo(NOW.plusMillis(10_500));
        // a slot long past is not saved up: a quiet number does not get a burst
        NumberPace idle = new NumberPace(List.of(new NumberPace.Row(FROM, NOW.minusSeconds(3600), 0)), 2, BASE, MAX);
        assertThat(idle.take(FROM, NOW)).isEqualTo(NOW);
        assertThat(idle.take(FROM, NOW)).isEqualTo(NOW.plusMillis(500));
    }

    @Test
    void carrierFaultsBackOffDoublingUpToTheMaximumAndASentMessageResetsThem() {
        NumberPace pace = new NumberPace(List.of(), 1, BASE, MAX);
        assertThat(pace.failed(FROM, NOW, null)).isEqualTo(NOW.plusSeconds(2));
        assertThat(pace.failed(FROM, NOW, null)).isEqualTo(NOW.plusSeconds(4));
        assertThat(pace.failed(FROM, NOW, null)).isEqualTo(NOW.plusSeconds(8));
        assertThat(pace.take(FROM, NOW)).as("the number's messages wait for the back-off").isEqualTo(NOW.plusSeconds(8));
        assertThat(pace.backoff(30)).isEqualTo(MAX);
        assertThat(pace.failed(FROM, NOW, Duration.ofSeconds(60))).as("the carrier's Retry-After when longer")
                .isEqualTo(NOW.plusSeconds(60));
        assertThat(pace.failed(FROM, NOW, Duration.ofHours(3))).as("never beyond the maximum")
                .isEqualTo(NOW.plus(MAX));
        pace.succeeded(FROM);
        assertThat(pace.rows()).singleElement().extracting(NumberPace.Row::failures).isEqualTo(0);
        assertThat(pace.failed(FROM, NOW.plus(MAX), null)).isEqualTo(NOW.plus(MAX).plusSeconds(2));
    }

    @Test
    void aRateOfNothingIsRefused() {
        assertThatThrownBy(() -> new NumberPace(List.of(), 0, BASE, MAX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NumberPace.interval(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThat(NumberPace.interval(1000)).isEqualTo(Duration.ofMillis(1));
    }
}
