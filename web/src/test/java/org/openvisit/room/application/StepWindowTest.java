package org.openvisit.room.application;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepWindowTest {

    @Test
    void aMinuteHoldsAtMostTheLimitAndSlides() {
        long[] times = null;
        for (long at = 0; at < 3_000; at += 1_000) {
            times = StepWindow.oneMoreInTheMinute(times, at, 3);
            assertThat(times).isNotNull();
        }
        assertThat(StepWindow.oneMoreInTheMinute(times, 59_999, 3)).as("three in the last minute").isNull();
        // the first step leaves the window at 60 s: one more, and the oldest is forgotten
        assertThat(StepWindow.oneMoreInTheMinute(times, 60_000, 3)).containsExactly(1_000, 2_000, 60_000);
        assertThat(StepWindow.oneMoreInTheMinute(null, 5, 0)).as("a limit of zero refuses all").isNull();
    }

    @Test
    void aLifetimeCountStopsAtTheLimit() {
        long[] count = StepWindow.oneMoreEver(null, 2);
        assertThat(count).containsExactly(1);
        count = StepWindow.oneMoreEver(count, 2);
        assertThat(count).containsExactly(2);
        assertThat(StepWindow.oneMoreEver(count, 2)).isNull();
    }
}
