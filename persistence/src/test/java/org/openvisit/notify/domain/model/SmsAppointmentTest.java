package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsAppointmentTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofDays(2));

    static SmsAppointment booked(Instant start) {
        return SmsAppointment.book(UUID.randomUUID(), UUID.randomUUID(), "APT-1",
                new AppointmentDetails(start, "Cardiology", "sealed-1", "hash-1"), "M1", "code1", NOW);
    }

    private static AppointmentDetails at(Instant start) {
        return new AppointmentDetails(start, null, null, null);
    }

    @Test
    void aBookingStartsBookedWithItsFirstChange() {
        SmsAppointment a = booked(START);
        assertThat(a.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(a.history()).extracting(AppointmentChange::event).containsExactly(AppointmentEvent.BOOKED);
        assertThat(a.history().get(0).from()).isNull();
    }

    @Test
    void aRescheduleToAnotherTimeMovesItAndTheSameTimeChangesNothingButTheHistory() {
        SmsAppointment a = booked(START);
        assertThat(a.apply(AppointmentEvent.RESCHEDULED, at(START), "M2", NOW)).isEqualTo(AppointmentOutcome.UPDATED);
        assertThat(a.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(a.apply(AppointmentEvent.MODIFIED, at(START.plusSeconds(3600)), "M3", NOW))
                .isEqualTo(AppointmentOutcome.MOVED);
        assertThat(a.status()).isEqualTo(AppointmentStatus.MOVED);
        assertThat(a.startsAt()).isEqualTo(START.plusSeconds(3600));
        assertThat(a.phoneSealed()).contains("sealed-1");
        assertThat(a.department()).contains("Cardiology");
        assertThat(a.history()).extracting(AppointmentChange::sequence).containsExactly(1, 2, 3);
    }

    @Test
    void aNewNumberReplacesTheOld() {
        SmsAppointment a = booked(START);
        a.apply(AppointmentEvent.MODIFIED, new AppointmentDetails(START, "Oncology", "sealed-2", "hash-2"), "M2", NOW);
        assertThat(a.phoneSealed()).contains("sealed-2");
        assertThat(a.phoneHash()).contains("hash-2");
        assertThat(a.department()).contains("Oncology");
    }

    @Test
    void aCancelledAppointmentCannotBeMovedOrBookedAgainButMayBeCancelledOrDeletedAgain() {
        SmsAppointment a = booked(START);
        assertThat(a.apply(AppointmentEvent.CANCELLED, at(START), "M2", NOW)).isEqualTo(AppointmentOutcome.CANCELLED);
        assertThatThrownBy(() -> a.apply(AppointmentEvent.RESCHEDULED, at(START.plusSeconds(60)), "M3", NOW))
                .isInstanceOf(IllegalAppointmentTransitionException.class).hasMessageContaining("cancelled");
        assertThatThrownBy(() -> a.apply(AppointmentEvent.BOOKED, at(START), "M3", NOW))
                .isInstanceOf(IllegalAppointmentTransitionException.class);
        assertThat(a.apply(AppointmentEvent.CANCELLED, at(START), "M4", NOW)).isEqualTo(AppointmentOutcome.UPDATED);
        assertThat(a.apply(AppointmentEvent.DELETED, at(START), "M5", NOW)).isEqualTo(AppointmentOutcome.UPDATED);
        assertThat(a.status()).isEqualTo(AppointmentStatus.DELETED);
        assertThat(a.startsAt()).isEqualTo(START);
    }

    @Test
    void deletionAndNoShowEndIt() {
        SmsAppointment deleted = booked(START);
        assertThat(deleted.apply(AppointmentEvent.DELETED, at(START), "M2", NOW)).isEqualTo(AppointmentOutcome.ENDED);
        assertThat(deleted.status()).isEqualTo(AppointmentStatus.DELETED);
        SmsAppointment noShow = booked(START);
        assertThat(noShow.apply(AppointmentEvent.NO_SHOW, at(START), "M2", NOW)).isEqualTo(AppointmentOutcome.ENDED);
        assertThat(noShow.status()).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThatThrownBy(() -> noShow.apply(AppointmentEvent.CANCELLED, at(START), "M3", NOW))
                .isInstanceOf(IllegalAppointmentTransitionException.class);
    }

    @Test
    void theNumberIsForgotten() {
        SmsAppointment a = booked(START);
        a.forgetPhone();
        assertThat(a.phoneSealed()).isEmpty();
    }

    @Test
    void aMessageWithoutControlIdOrKeyIsRefused() {
        assertThatThrownBy(() -> SmsAppointment.book(UUID.randomUUID(), UUID.randomUUID(), " ",
                at(START), "M1", "c", NOW)).isInstanceOf(IllegalArgumentException.class);
        SmsAppointment a = booked(START);
        assertThatThrownBy(() -> a.apply(AppointmentEvent.MODIFIED, at(START), "", NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void triggersMapToEvents() {
        assertThat(AppointmentEvent.ofTrigger("S12")).contains(AppointmentEvent.BOOKED);
        assertThat(AppointmentEvent.ofTrigger("s26")).contains(AppointmentEvent.NO_SHOW);
        assertThat(AppointmentEvent.ofTrigger("S99")).isEmpty();
    }
}
