package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class SmsSendQuietHoursTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final QuietHours NIGHT = QuietHours.of("21:00", "08:00");
    /** 23:00 in Berlin (winter): in the night's quiet hours, which end at 07:00 UTC. */
    private static final Instant LATE = Instant.parse("2026-12-07T22:00:00Z");
    private static final Instant MORNING = Instant.parse("2026-12-08T07:00:00Z");

    @Test
    void aConfirmationDueAtNightWaitsForTheMorning() {
        SmsAppointment a = SmsAppointmentTest.booked(MORNING.plus(Duration.ofHours(3)));
        SmsSend confirmation = new SmsSend(a, SendKind.CONFIRMATION, 0, LATE);
        assertThat(confirmation.holdForQuietHours(NIGHT, BERLIN, a.startsAt(), LATE)).isTrue();
        assertThat(confirmation.status()).isEqualTo(SendStatus.PENDING);
        assertThat(confirmation.dueAt()).isEqualTo(MORNING);
        // in the morning it goes
        assertThat(confirmation.holdForQuietHours(NIGHT, BERLIN, a.startsAt(), MORNING)).isFalse();
    }

    @Test
    void aReminderThatWouldArriveAfterTheAppointmentBeganIsNotSent() {
        Instant start = MORNING.minus(Duration.ofMinutes(30)); // 07:30 in Berlin, still quiet until 08:00
        SmsAppointment a = SmsAppointmentTest.booked(start);
        SmsSend reminder = new SmsSend(a, SendKind.REMINDER, 15, start.minus(Duration.ofMinutes(15)));
        Instant due = start.minus(Duration.ofMinutes(15));
        assertThat(reminder.holdForQuietHours(NIGHT, BERLIN, start, due)).isTrue();
        assertThat(reminder.status()).isEqualTo(SendStatus.SKIPPED);
        assertThat(reminder.reason()).hasValueSatisfying(r -> assertThat(r).contains("quiet hours"));
    }

    @Test
    void withoutQuietHoursOrOutsideThemNothingIsHeld() {
        SmsAppointment a = SmsAppointmentTest.booked(MORNING.plus(Duration.ofHours(3)));
        SmsSend confirmation = new SmsSend(a, SendKind.CONFIRMATION, 0, LATE);
        assertThat(confirmation.holdForQuietHours(QuietHours.none(), BERLIN, a.startsAt(), LATE)).isFalse();
        assertThat(confirmation.holdForQuietHours(NIGHT, ZoneId.of("America/New_York"), a.startsAt(), LATE))
                .as("17:00 in New York").isFalse();
        assertThat(confirmation.dueAt()).isEqualTo(LATE);
    }
}
