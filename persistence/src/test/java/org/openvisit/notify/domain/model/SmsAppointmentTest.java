package org.openvisit.notify.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.AppointmentHashing;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmsAppointmentTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofDays(2));

    /** A test key: the hashes are real keyed hashes, only the key is made up. */
    static final AppointmentHashing HASHING = new AppointmentHashing(new byte[32]);
    private static final UUID ENDPOINT = UUID.randomUUID();

    /** The keyed hash of a control id. */
    static ControlHash control(String controlId) {
        return ControlHash.of(HASHING, ENDPOINT, controlId);
    }

    static SmsAppointment booked(Instant start) {
        return SmsAppointment.book(UUID.randomUUID(), ENDPOINT, AppointmentKeys.of(HASHING, ENDPOINT, "APT-1"),
                new AppointmentDetails(start, "Cardiology", "sealed-1", "hash-1"), control("M1"), "code1", NOW);
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
        assertThat(a.apply(AppointmentEvent.RESCHEDULED, at(START), control("M2"), NOW))
                .isEqualTo(AppointmentOutcome.UPDATED);
        assertThat(a.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(a.apply(AppointmentEvent.MODIFIED, at(START.plusSeconds(3600)), control("M3"), NOW))
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
        a.apply(AppointmentEvent.MODIFIED, new AppointmentDetails(START, "Oncology", "sealed-2", "hash-2"),
                control("M2"), NOW);
        assertThat(a.phoneSealed()).contains("sealed-2");
        assertThat(a.phoneHash()).contains("hash-2");
        assertThat(a.department()).contains("Oncology");
    }

    @Test
    void aCancelledAppointmentCannotBeMovedOrBookedAgainButMayBeCancelledOrDeletedAgain() {
        SmsAppointment a = booked(START);
        assertThat(a.apply(AppointmentEvent.CANCELLED, at(START), control("M2"), NOW))
                .isEqualTo(AppointmentOutcome.CANCELLED);
        assertThatThrownBy(() -> a.apply(AppointmentEvent.RESCHEDULED, at(START.plusSeconds(60)), control("M3"), NOW))
                .isInstanceOf(IllegalAppointmentTransitionException.class).hasMessageContaining("cancelled");
        assertThatThrownBy(() -> a.apply(AppointmentEvent.BOOKED, at(START), control("M3"), NOW))
                .isInstanceOf(IllegalAppointmentTransitionException.class);
        assertThat(a.apply(AppointmentEvent.CANCELLED, at(START), control("M4"), NOW))
                .isEqualTo(AppointmentOutcome.UPDATED);
        assertThat(a.apply(AppointmentEvent.DELETED, at(START), control("M5"), NOW))
                .isEqualTo(AppointmentOutcome.UPDATED);
        assertThat(a.status()).isEqualTo(AppointmentStatus.DELETED);
        assertThat(a.startsAt()).isEqualTo(START);
    }

    @Test
    void deletionAndNoShowEndIt() {
        SmsAppointment deleted = booked(START);
        assertThat(deleted.apply(AppointmentEvent.DELETED, at(START), control("M2"), NOW))
                .isEqualTo(AppointmentOutcome.ENDED);
        assertThat(deleted.status()).isEqualTo(AppointmentStatus.DELETED);
        SmsAppointment noShow = booked(START);
        assertThat(noShow.apply(AppointmentEvent.NO_SHOW, at(START), control("M2"), NOW))
                .isEqualTo(AppointmentOutcome.ENDED);
        assertThat(noShow.status()).isEqualTo(AppointmentStatus.NO_SHOW);
        assertThatThrownBy(() -> noShow.apply(AppointmentEvent.CANCELLED, at(START), control("M3"), NOW))
                .isInstanceOf(IllegalAppointmentTransitionException.class);
    }

    @Test
    void theNumberIsForgotten() {
        SmsAppointment a = booked(START);
        a.forgetPhone();
        assertThat(a.phoneSealed()).isEmpty();
    }

    @Test
    void theCliniciansNameIsKeptAsLaterMessagesSendItAndForgottenWithTheNumber() {
        SmsAppointment a = SmsAppointment.book(UUID.randomUUID(), ENDPOINT, AppointmentKeys.of(HASHING, ENDPOINT, "APT-2"),
                new AppointmentDetails(START, null, "sealed-1", "hash-1", "clinician-1"), control("C1"), "code2", NOW);
        assertThat(a.clinicianSealed()).contains("clinician-1");
        a.apply(AppointmentEvent.MODIFIED, at(START), control("C2"), NOW);
        assertThat(a.clinicianSealed()).as("a message without a clinician keeps the one known").contains("clinician-1");
        a.apply(AppointmentEvent.MODIFIED, new AppointmentDetails(START, null, null, null, "clinician-2"), control("C3"),
                NOW);
        assertThat(a.clinicianSealed()).contains("clinician-2");
        a.forgetPhone();
        assertThat(a.clinicianSealed()).isEmpty();
        assertThat(a.phoneSealed()).isEmpty();
    }

    @Test
    void aMessageWithoutControlIdOrKeyIsRefused() {
        assertThatThrownBy(() -> AppointmentKeys.of(HASHING, ENDPOINT, " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AppointmentKeys.of(HASHING, ENDPOINT, "A".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> control("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> control("M".repeat(201))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmsAppointment.book(UUID.randomUUID(), ENDPOINT, null, at(START), control("M1"), "c",
                NOW)).isInstanceOf(NullPointerException.class);
        SmsAppointment a = booked(START);
        assertThatThrownBy(() -> a.apply(AppointmentEvent.MODIFIED, at(START), null, NOW))
                .isInstanceOf(NullPointerException.class);
        // a plain id where a hash belongs is refused
        assertThatThrownBy(() -> new ControlHash("fhir:appt-1/_history/1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAppointmentKeepsOnlyKeyedHashesOfItsIdAndOfItsMessagesControlIds() {
        SmsAppointment a = booked(START);
        a.apply(AppointmentEvent.MODIFIED, at(START), control("fhir:APT-1/_history/2"), NOW);
        AppointmentKeys keys = a.keys();
        // the same id through the same endpoint gives the same keys; through another endpoint or with another key not
        assertThat(keys).isEqualTo(AppointmentKeys.of(HASHING, ENDPOINT, "APT-1"));
        assertThat(keys).isNotEqualTo(AppointmentKeys.of(HASHING, UUID.randomUUID(), "APT-1"));
        assertThat(keys).isNotEqualTo(AppointmentKeys.of(new AppointmentHashing(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9,
                10, 11, 12, 13, 14, 15, 16}), ENDPOINT, "APT-1"));
        // the two keys are the visit hashes of the two references a launch may name the appointment by
        assertThat(keys.reference()).isEqualTo(HASHING.hash(ENDPOINT,
                org.openvisit.visit.domain.model.VisitKey.appointment("Appointment/APT-1")));
        assertThat(keys.identifier()).isEqualTo(HASHING.hash(ENDPOINT,
                org.openvisit.visit.domain.model.VisitKey.appointment("Appointment?identifier=APT-1")));
        assertThat(a.history()).extracting(c -> c.control().value())
                .allSatisfy(v -> assertThat(v).matches("[0-9a-f]{64}").doesNotContain("APT-1"))
                .containsExactly(control("M1").value(), control("fhir:APT-1/_history/2").value());
        assertThat(control("M1")).isNotEqualTo(ControlHash.of(HASHING, UUID.randomUUID(), "M1"));
        // a control id never hashes to a visit's hash of the same text
        assertThat(control("Appointment/APT-1").value()).isNotEqualTo(keys.reference().value());
    }

    @Test
    void triggersMapToEvents() {
        assertThat(AppointmentEvent.ofTrigger("S12")).contains(AppointmentEvent.BOOKED);
        assertThat(AppointmentEvent.ofTrigger("s26")).contains(AppointmentEvent.NO_SHOW);
        assertThat(AppointmentEvent.ofTrigger("S99")).isEmpty();
    }
}
