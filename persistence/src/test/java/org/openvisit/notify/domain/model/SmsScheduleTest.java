package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SmsScheduleTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Set<Integer> DAY_AND_QUARTER = Set.of(1440, 15);

    private static String describe(SmsSend s) {
        return s.kind() + "/" + s.slot() + "@" + s.dueAt() + ":" + s.status();
    }

    @Test
    void aBookingGetsAConfirmationNowAndEveryReminder() {
        Instant start = NOW.plus(Duration.ofDays(2));
        SmsAppointment a = SmsAppointmentTest.booked(start);
        List<SmsSend> add = SmsSchedule.plan(a, AppointmentOutcome.BOOKED, true, DAY_AND_QUARTER, List.of(), NOW);
        assertThat(add).extracting(SmsScheduleTest::describe).containsExactlyInAnyOrder(
                "CONFIRMATION/0@" + NOW + ":PENDING",
                "REMINDER/1440@" + start.minus(Duration.ofDays(1)) + ":PENDING",
                "REMINDER/15@" + start.minus(Duration.ofMinutes(15)) + ":PENDING");
    }

    @Test
    void aLateBookingSkipsRemindersAlreadyPast() {
        Instant start = NOW.plus(Duration.ofHours(2));
        SmsAppointment a = SmsAppointmentTest.booked(start);
        List<SmsSend> add = SmsSchedule.plan(a, AppointmentOutcome.BOOKED, true, DAY_AND_QUARTER, List.of(), NOW);
        assertThat(add).extracting(SmsSend::kind, SmsSend::slot).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(SendKind.CONFIRMATION, 0),
                org.assertj.core.groups.Tuple.tuple(SendKind.REMINDER, 15));
    }

    @Test
    void withoutConfirmationsOnlyRemindersAndAnAppointmentThatBegunGetsNothing() {
        SmsAppointment a = SmsAppointmentTest.booked(NOW.plus(Duration.ofDays(2)));
        assertThat(SmsSchedule.plan(a, AppointmentOutcome.BOOKED, false, Set.of(15), List.of(), NOW))
                .extracting(SmsSend::kind).containsExactly(SendKind.REMINDER);
        SmsAppointment begun = SmsAppointmentTest.booked(NOW.minusSeconds(60));
        assertThat(SmsSchedule.plan(begun, AppointmentOutcome.BOOKED, true, DAY_AND_QUARTER, List.of(), NOW)).isEmpty();
    }

    @Test
    void aCancellationCancelsPendingRemindersAndAddsANotice() {
        SmsAppointment a = SmsAppointmentTest.booked(NOW.plus(Duration.ofDays(2)));
        List<SmsSend> pending = new ArrayList<>(SmsSchedule.plan(a, AppointmentOutcome.BOOKED, true, DAY_AND_QUARTER,
                List.of(), NOW));
        pending.get(0).sent(NOW);
        List<SmsSend> add = SmsSchedule.plan(a, AppointmentOutcome.CANCELLED, true, DAY_AND_QUARTER, pending, NOW);
        assertThat(add).extracting(SmsSend::kind).containsExactly(SendKind.CANCELLATION);
        assertThat(pending).extracting(SmsSend::status)
                .containsExactly(SendStatus.SENT, SendStatus.CANCELLED, SendStatus.CANCELLED);
    }

    @Test
    void aMoveRetimesPendingRemindersCancelsThosePastAndAddsAnUpdate() {
        Instant start = NOW.plus(Duration.ofDays(2));
        SmsAppointment a = SmsAppointmentTest.booked(start);
        List<SmsSend> pending = new ArrayList<>(SmsSchedule.plan(a, AppointmentOutcome.BOOKED, true, DAY_AND_QUARTER,
                List.of(), NOW));
        Instant newStart = NOW.plus(Duration.ofHours(3));
        a.apply(AppointmentEvent.RESCHEDULED, new AppointmentDetails(newStart, null, null, null),
                SmsAppointmentTest.control("M2"), NOW);
        List<SmsSend> add = SmsSchedule.plan(a, AppointmentOutcome.MOVED, true, DAY_AND_QUARTER, pending, NOW);
        assertThat(add).extracting(SmsSend::kind, SmsSend::slot).contains(
                org.assertj.core.groups.Tuple.tuple(SendKind.UPDATE, 2));
        SmsSend day = pending.stream().filter(s -> s.slot() == 1440).findFirst().orElseThrow();
        SmsSend quarter = pending.stream().filter(s -> s.slot() == 15).findFirst().orElseThrow();
        assertThat(day.status()).isEqualTo(SendStatus.CANCELLED);
        assertThat(quarter.status()).isEqualTo(SendStatus.PENDING);
        assertThat(quarter.dueAt()).isEqualTo(newStart.minus(Duration.ofMinutes(15)));
    }

    @Test
    void aDeletionCancelsAllAndSendsNothing() {
        SmsAppointment a = SmsAppointmentTest.booked(NOW.plus(Duration.ofDays(2)));
        List<SmsSend> pending = SmsSchedule.plan(a, AppointmentOutcome.BOOKED, true, DAY_AND_QUARTER, List.of(), NOW);
        assertThat(SmsSchedule.plan(a, AppointmentOutcome.ENDED, true, DAY_AND_QUARTER, pending, NOW)).isEmpty();
        assertThat(pending).extracting(SmsSend::status).containsOnly(SendStatus.CANCELLED);
        assertThat(SmsSchedule.plan(a, AppointmentOutcome.UPDATED, true, DAY_AND_QUARTER, pending, NOW)).isEmpty();
    }
}
