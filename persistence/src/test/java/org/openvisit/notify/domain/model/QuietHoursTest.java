package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Instant at(String local) {
        return java.time.LocalDateTime.parse(local).atZone(NEW_YORK).toInstant();
    }

    @Test
    void overMidnightAMessageInTheQuietHoursWaitsForTheirEnd() {
        QuietHours night = QuietHours.of("21:00", "08:00");
        assertThat(night.endIfQuiet(at("2026-12-07T20:59"), NEW_YORK)).isEmpty();
        assertThat(night.endIfQuiet(at("2026-12-07T21:00"), NEW_YORK)).contains(at("2026-12-08T08:00"));
        assertThat(night.endIfQuiet(at("2026-12-07T23:30"), NEW_YORK)).contains(at("2026-12-08T08:00"));
        assertThat(night.endIfQuiet(at("2026-12-08T03:00"), NEW_YORK)).contains(at("2026-12-08T08:00"));
        assertThat(night.endIfQuiet(at("2026-12-08T08:00"), NEW_YORK)).as("the end is not quiet").isEmpty();
    }

    @Test
    void withinADayAndInTheEndpointsZone() {
        QuietHours lunch = QuietHours.of("12:00", "13:00");
        assertThat(lunch.endIfQuiet(at("2026-12-07T12:30"), NEW_YORK)).contains(at("2026-12-07T13:00"));
        assertThat(lunch.endIfQuiet(at("2026-12-07T13:30"), NEW_YORK)).isEmpty();
        // 12:30 in New York is 17:30 UTC: not quiet for an endpoint in UTC
        assertThat(lunch.endIfQuiet(at("2026-12-07T12:30"), ZoneId.of("UTC"))).isEmpty();
    }

    @Test
    void aClockChangeInsideTheQuietHours() {
        // 2026-03-08 02:00 does not exist in New York; quiet 01:00-02:30 ends at 03:30 EDT (02:30 is skipped)
        QuietHours q = QuietHours.of("01:00", "02:30");
        assertThat(q.endIfQuiet(at("2026-03-08T01:30"), NEW_YORK)).contains(Instant.parse("2026-03-08T07:30:00Z"));
    }

    @Test
    void noneAndBadValues() {
        assertThat(QuietHours.of("", " ").isNone()).isTrue();
        assertThat(QuietHours.none().endIfQuiet(Instant.now(), NEW_YORK)).isEmpty();
        assertThatThrownBy(() -> QuietHours.of("21:00", "")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("both");
        assertThatThrownBy(() -> QuietHours.of("9pm", "08:00")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("times of day");
        assertThatThrownBy(() -> QuietHours.of("08:00", "08:00")).isInstanceOf(InvalidValueException.class);
        assertThat(QuietHours.of("21:00", "08:00").fromText()).isEqualTo("21:00");
    }
}
