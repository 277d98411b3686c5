package org.openvisit.notify.application;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The receiver's flood guard: per address and overall, per minute, and guessing addresses cannot grow it unbounded. */
class NoticeFloodTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-09T10:00:00Z"));

    @Test
    void anAddressGetsItsLimitPerMinuteThenAgainTheNextMinute() {
        NoticeFlood flood = new NoticeFlood(3, clock);
        for (int i = 0; i < 3; i++) {
            flood.admit("hook-a");
        }
        assertThatThrownBy(() -> flood.admit("hook-a")).isInstanceOf(NoticeRefusal.class)
                .extracting(e -> ((NoticeRefusal) e).reason()).isEqualTo(NoticeRefusal.Reason.FLOOD);
        flood.admit("hook-b"); // another address is not held back by the first
        assertThat(flood.retryAfterSeconds()).isBetween(1L, 60L);
        clock.now = clock.now.plusSeconds(60);
        flood.admit("hook-a");
    }

    @Test
    void allAddressesTogetherHaveTenTimesTheLimit() {
        NoticeFlood flood = new NoticeFlood(2, clock);
        for (int i = 0; i < 20; i++) {
            flood.admit(UUID.randomUUID().toString());
        }
        assertThatThrownBy(() -> flood.admit(UUID.randomUUID().toString())).isInstanceOf(NoticeRefusal.class);
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
