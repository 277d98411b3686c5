package org.openvisit.visit.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallPeriodTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final Visit visit = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), org.openvisit.tenant.domain.model.DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT,
            new AppointmentHash("c".repeat(64)), null, T0);
    private final List<VisitEvent> events = new ArrayList<>();

    private long at(int seconds, VisitEventType type, AttendeeRole role, String attendee) {
        VisitEvent e = visit.recordEvent(type, role, attendee, null, T0.plusSeconds(seconds));
        events.add(e);
        return e.sequence();
    }

    @Test
    void theCallStartsWhenClinicianAndPatientAreBothConnectedNotWhenTheClinicianWaitsAlone() {
        long lobby = at(0, VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "p1");
        long clinicianAlone = at(60, VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1");
        at(90, VisitEventType.ADMITTED, AttendeeRole.PATIENT, "p1");
        long both = at(95, VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1");
        long guest = at(100, VisitEventType.CONNECTED, AttendeeRole.GUEST, "g1");

        assertThat(CallPeriod.asOf(events, lobby).started()).isFalse();
        assertThat(CallPeriod.asOf(events, clinicianAlone).started()).isFalse();
        assertThat(CallPeriod.asOf(events, both)).isEqualTo(new CallPeriod(T0.plusSeconds(95), null));
        assertThat(CallPeriod.asOf(events, guest).start()).as("the first moment counts").isEqualTo(T0.plusSeconds(95));
    }

    @Test
    void aGuestOrTwoCliniciansAreNoCall() {
        at(0, VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1");
        at(1, VisitEventType.CONNECTED, AttendeeRole.STAFF, "s1");
        at(2, VisitEventType.CONNECTED, AttendeeRole.GUEST, "g1");
        long end = at(30, VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, null);
        assertThat(CallPeriod.asOf(events, end)).isEqualTo(CallPeriod.NONE);
    }

    @Test
    void theCallEndsWhenTheLastPersonLeftEvenIfTheVisitIsEndedLater() {
        at(0, VisitEventType.CONNECTED, AttendeeRole.STAFF, "s1");
        at(5, VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1");
        at(600, VisitEventType.LEFT, AttendeeRole.PATIENT, "p1");
        long lastLeft = at(620, VisitEventType.DISCONNECTED, AttendeeRole.STAFF, "s1");
        long end = at(3600, VisitEventType.VISIT_ENDED, null, null);
        assertThat(CallPeriod.asOf(events, lastLeft)).as("not ended before the visit ends")
                .isEqualTo(new CallPeriod(T0.plusSeconds(5), null));
        assertThat(CallPeriod.asOf(events, end)).isEqualTo(new CallPeriod(T0.plusSeconds(5), T0.plusSeconds(620)));
    }

    @Test
    void aRejoinAfterEveryoneLeftKeepsTheCallGoingUntilTheVisitEndsWithPeopleInIt() {
        at(0, VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1");
        at(1, VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1");
        at(100, VisitEventType.DISCONNECTED, AttendeeRole.PATIENT, "p1");
        at(101, VisitEventType.DISCONNECTED, AttendeeRole.PROVIDER, "c1");
        at(200, VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1");
        at(201, VisitEventType.REMOVED, AttendeeRole.GUEST, "never-connected");
        long end = at(900, VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, "c1");
        at(901, VisitEventType.DISCONNECTED, AttendeeRole.PATIENT, "p1");
        assertThat(CallPeriod.asOf(events, end)).isEqualTo(new CallPeriod(T0.plusSeconds(1), T0.plusSeconds(900)));
    }

    @Test
    void eventsInTheSameSecondKeepTheirOrder() {
        VisitEvent clinician = visit.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1", null,
                T0.plusMillis(100));
        VisitEvent patient = visit.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1", null,
                T0.plusMillis(900));
        assertThat(CallPeriod.asOf(List.of(clinician, patient), patient.sequence()).start())
                .isEqualTo(T0.plusMillis(900));
    }

    @Test
    void noEndWithoutAStart() {
        assertThatThrownBy(() -> new CallPeriod(null, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
