package org.openvisit.report.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openvisit.visit.domain.model.AttendeeRole.GUEST;
import static org.openvisit.visit.domain.model.AttendeeRole.PATIENT;
import static org.openvisit.visit.domain.model.AttendeeRole.PROVIDER;
import static org.openvisit.visit.domain.model.AttendeeRole.STAFF;
import static org.openvisit.visit.domain.model.VisitEventType.ADMITTED;
import static org.openvisit.visit.domain.model.VisitEventType.CONNECTED;
import static org.openvisit.visit.domain.model.VisitEventType.DEVICE_TEST;
import static org.openvisit.visit.domain.model.VisitEventType.DISCONNECTED;
import static org.openvisit.visit.domain.model.VisitEventType.LEFT;
import static org.openvisit.visit.domain.model.VisitEventType.LOBBY_JOINED;
import static org.openvisit.visit.domain.model.VisitEventType.REMOVED;
import static org.openvisit.visit.domain.model.VisitEventType.VISIT_ENDED;

class VisitFiguresTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);
    private static final Booking SLOT = new Booking(T0, T0.plusSeconds(30 * 60), GRACE);
    private static final Instant LATER = T0.plus(Duration.ofDays(1));

    /** Events written as minute offsets from T0. */
    private static final class Events {
        private final List<EventFact> list = new ArrayList<>();

        Events at(double minute, VisitEventType type, AttendeeRole role, String who) {
            list.add(new EventFact(type, role, who, T0.plusSeconds(Math.round(minute * 60))));
            return this;
        }

        Events ended(double minute) {
            return at(minute, VISIT_ENDED, PROVIDER, null);
        }

        VisitFigures figures(Booking booking, Instant now) {
            return VisitFigures.of(list, booking, now);
        }

        VisitFigures figures() {
            return figures(SLOT, LATER);
        }
    }

    private static Instant t(double minute) {
        return T0.plusSeconds(Math.round(minute * 60));
    }

    private static Duration minutes(double m) {
        return Duration.ofSeconds(Math.round(m * 60));
    }

    @Test
    void anOrdinaryVisitStartsWhenBothAreInTheCallAndLastsUntilTheLastOneLeaves() {
        VisitFigures f = new Events()
                .at(1, LOBBY_JOINED, PATIENT, "p")
                .at(2, DEVICE_TEST, PATIENT, "p")
                .at(3, CONNECTED, PROVIDER, "c")
                .at(5, ADMITTED, PATIENT, "p")
                .at(5.5, CONNECTED, PATIENT, "p")
                .at(20, LEFT, PATIENT, "p")
                .at(21, LEFT, PROVIDER, "c")
                .ended(22)
                .figures();
        assertThat(f.start()).isEqualTo(t(5.5));
        assertThat(f.end()).isEqualTo(t(21));
        assertThat(f.duration()).contains(minutes(15.5));
        assertThat(f.lobbyWait()).isEqualTo(minutes(4));
        assertThat(f.timeToAdmit()).as("from the clinician's arrival, the later one").isEqualTo(minutes(2));
        assertThat(f.attendantsAtOnce()).isEqualTo(2);
        assertThat(f.status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(f.isFinal()).isTrue();
    }

    @Test
    void aClinicianAloneInTheCallIsNoStart() {
        VisitFigures f = new Events()
                .at(1, CONNECTED, PROVIDER, "c")
                .at(2, CONNECTED, STAFF, "s")
                .figures(SLOT, t(3));
        assertThat(f.start()).isNull();
        assertThat(f.duration()).isEmpty();
        assertThat(f.attendantsAtOnce()).isEqualTo(2);
        assertThat(f.status()).as("the slot is not over yet").isEqualTo(ReportStatus.OPEN);
        assertThat(f.isFinal()).isFalse();
    }

    @Test
    void reconnectsAndReloadsCountEachPersonOnceAndTheEndIsTheLastTimeTheCallEmptied() {
        VisitFigures f = new Events()
                .at(0, CONNECTED, PROVIDER, "c")
                .at(1, LOBBY_JOINED, PATIENT, "p")
                .at(2, ADMITTED, PATIENT, "p")
                .at(3, CONNECTED, PATIENT, "p")
                .at(4, CONNECTED, PATIENT, "p") // a reload: the new page connects before the old one closes
                .at(10, DISCONNECTED, PATIENT, "p")
                .at(11, DISCONNECTED, PROVIDER, "c") // call empty for a moment
                .at(12, CONNECTED, PROVIDER, "c")
                .at(13, CONNECTED, PATIENT, "p")
                .at(30, LEFT, PATIENT, "p")
                .at(31, LEFT, PROVIDER, "c")
                .ended(40)
                .figures();
        assertThat(f.start()).isEqualTo(t(3));
        assertThat(f.end()).isEqualTo(t(31));
        assertThat(f.attendantsAtOnce()).isEqualTo(2);
        assertThat(f.lobbyWait()).isEqualTo(minutes(1));
        assertThat(f.status()).isEqualTo(ReportStatus.COMPLETED);
    }

    @Test
    void severalPatientsTheFirstAdmittedGivesTheWaitAndAttendantsCountTheMostAtOnce() {
        VisitFigures f = new Events()
                .at(0, LOBBY_JOINED, PATIENT, "p1")
                .at(1, LOBBY_JOINED, PATIENT, "p2")
                .at(4, CONNECTED, PROVIDER, "c")
                .at(6, ADMITTED, PATIENT, "p2")
                .at(6.5, CONNECTED, PATIENT, "p2")
                .at(9, ADMITTED, PATIENT, "p1")
                .at(9.5, CONNECTED, PATIENT, "p1")
                .at(10, CONNECTED, STAFF, "s")
                .at(15, REMOVED, PATIENT, "p1")
                .ended(25) // p2, c and s still in the call
                .at(25, DISCONNECTED, PATIENT, "p2") // departures after the end change nothing
                .figures();
        assertThat(f.start()).isEqualTo(t(6.5));
        assertThat(f.lobbyWait()).isEqualTo(minutes(5));
        assertThat(f.timeToAdmit()).isEqualTo(minutes(2));
        assertThat(f.attendantsAtOnce()).isEqualTo(4);
        assertThat(f.end()).as("people were still in the call").isEqualTo(t(25));
        assertThat(f.duration()).contains(minutes(18.5));
    }

    @Test
    void aGuestAloneWithAClinicianStartsTheVisit() {
        VisitFigures f = new Events()
                .at(2, LOBBY_JOINED, GUEST, "g")
                .at(3, ADMITTED, GUEST, "g") // admitted from the provider page before the clinician's media is up
                .at(3.5, CONNECTED, GUEST, "g")
                .at(4, CONNECTED, PROVIDER, "c")
                .at(9, LEFT, PROVIDER, "c")
                .at(9.5, DISCONNECTED, GUEST, "g")
                .figures(SLOT, t(10));
        assertThat(f.start()).isEqualTo(t(4));
        assertThat(f.end()).as("the last one left, the visit not ended yet").isEqualTo(t(9.5));
        assertThat(f.timeToAdmit()).as("no clinician in the call yet: the lobby wait").isEqualTo(minutes(1));
        assertThat(f.status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(f.isFinal()).isFalse();
    }

    @Test
    void nobodyCameByTheEndOfTheSlotPlusTheGraceIsANoShow() {
        Events clinicianWaits = new Events().at(0, CONNECTED, PROVIDER, "c");
        assertThat(clinicianWaits.figures(SLOT, t(44)).status()).isEqualTo(ReportStatus.OPEN);
        assertThat(clinicianWaits.figures(SLOT, t(45)).status()).isEqualTo(ReportStatus.NO_SHOW);
        assertThat(new Events().figures(SLOT, t(45)).status()).as("a visit without any event")
                .isEqualTo(ReportStatus.NO_SHOW);
        assertThat(new Events().figures(new Booking(T0, null, GRACE), t(15)).status())
                .as("a slot without an end: its start plus the grace").isEqualTo(ReportStatus.NO_SHOW);
        assertThat(new Events().figures(new Booking(T0, T0.plusSeconds(1800), Duration.ofHours(1)), t(45)).status())
                .as("a longer configured grace").isEqualTo(ReportStatus.OPEN);
    }

    @Test
    void aVisitEndedBeforeAnyPatientCameIsANoShowAtItsEnd() {
        VisitFigures f = new Events()
                .at(0, CONNECTED, PROVIDER, "c")
                .at(6, LEFT, PROVIDER, "c")
                .ended(7)
                .figures(Booking.unknown(GRACE), t(8));
        assertThat(f.status()).isEqualTo(ReportStatus.NO_SHOW);
        assertThat(f.start()).isNull();
        assertThat(f.duration()).isEmpty();
        assertThat(f.isFinal()).isTrue();
    }

    @Test
    void aPatientWhoCameButNeverMetAClinicianInTheCallEndsWithoutPatient() {
        VisitFigures f = new Events()
                .at(1, LOBBY_JOINED, PATIENT, "p")
                .at(12, DISCONNECTED, PATIENT, "p") // gave up waiting
                .at(13, CONNECTED, PROVIDER, "c")
                .ended(20)
                .figures();
        assertThat(f.status()).isEqualTo(ReportStatus.ENDED_WITHOUT_PATIENT);
        assertThat(f.patientCameAt()).isEqualTo(t(1));
        assertThat(f.lobbyWait()).as("never admitted").isNull();
        assertThat(f.start()).isNull();
    }

    @Test
    void aPatientWhoCameOnlyAfterTheDeadlineAndWasNotSeenIsStillANoShow() {
        VisitFigures f = new Events()
                .at(50, LOBBY_JOINED, PATIENT, "p")
                .ended(55)
                .figures();
        assertThat(f.status()).isEqualTo(ReportStatus.NO_SHOW);
    }

    @Test
    void aLatePatientWhoIsSeenAfterAllCompletesTheVisit() {
        VisitFigures f = new Events()
                .at(0, CONNECTED, PROVIDER, "c")
                .at(50, LOBBY_JOINED, PATIENT, "p")
                .at(51, ADMITTED, PATIENT, "p")
                .at(52, CONNECTED, PATIENT, "p")
                .figures(SLOT, t(53));
        assertThat(f.status()).isEqualTo(ReportStatus.COMPLETED);
        assertThat(f.end()).as("still in the call").isNull();
        assertThat(f.duration()).isEmpty();
    }
}
