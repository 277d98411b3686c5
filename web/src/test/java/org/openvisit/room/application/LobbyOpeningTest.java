package org.openvisit.room.application;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LobbyOpeningTest {

    private static final Instant START = Instant.parse("2026-12-05T15:00:00Z");

    @Test
    void theLobbyOpensThirtyMinutesBeforeByDefault() {
        LobbyOpening opening = new LobbyOpening(LobbyOpening.DEFAULT_MINUTES);
        assertThat(opening.opensAt(START)).isEqualTo(Instant.parse("2026-12-05T14:30:00Z"));
        assertThat(opening.early(START, Instant.parse("2026-12-05T09:00:00Z"))).isTrue();
        assertThat(opening.early(START, Instant.parse("2026-12-05T14:29:59Z"))).isTrue();
        assertThat(opening.early(START, Instant.parse("2026-12-05T14:30:00Z"))).as("on the minute it opens").isFalse();
        assertThat(opening.early(START, START.plusSeconds(3600))).as("late is never early").isFalse();
    }

    @Test
    void withoutABookedTimeTheLobbyIsOpen() {
        LobbyOpening opening = new LobbyOpening(30);
        assertThat(opening.opensAt(null)).isNull();
        assertThat(opening.early(null, Instant.EPOCH)).isFalse();
    }

    @Test
    void zeroOpensItAtTheStartAndAWeekIsTheLongest() {
        assertThat(new LobbyOpening(0).opensAt(START)).isEqualTo(START);
        assertThat(new LobbyOpening(10080).opensAt(START)).isEqualTo(START.minusSeconds(7 * 86_400));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -30, 10081, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void aValueOutOfRangeIsRefusedForTheDefault(int minutes) {
        LobbyOpening opening = new LobbyOpening(minutes);
        assertThat(opening.minutesBefore()).isEqualTo(30);
        assertThat(opening.opensAt(START)).isEqualTo(START.minusSeconds(1800));
    }
}
