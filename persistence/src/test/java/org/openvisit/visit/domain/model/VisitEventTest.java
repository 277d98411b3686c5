package org.openvisit.visit.domain.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openvisit.shared.domain.model.InvalidValueException;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VisitEventTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Visit visit() {
        return Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), org.openvisit.tenant.domain.model.DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT,
                new AppointmentHash("b".repeat(64)), null, T0);
    }

    @Test
    void eventsAreNumberedOneAfterTheOther() {
        Visit v = visit();
        VisitEvent first = v.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "p1", null, T0);
        VisitEvent second = v.recordEvent(VisitEventType.ADMITTED, AttendeeRole.PATIENT, "p1", null, T0);
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(second.sequence()).isEqualTo(2);
        assertThat(second.visitId()).isEqualTo(v.id());
        assertThat(second.endpointId()).isEqualTo(v.endpointId());
        assertThat(second.organizationId()).isEqualTo(v.organizationId());
        assertThat(v.eventCount()).isEqualTo(2);
    }

    @Test
    void theFirstConnectionStartsTheVisitAndLaterOnesDoNot() {
        Visit v = visit();
        v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1", null, T0.plusSeconds(10));
        v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1", null, T0.plusSeconds(20));
        assertThat(v.status()).isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(v.startedAt()).contains(T0.plusSeconds(10));
    }

    @Test
    void endingRecordsTheEndAndOnlyDeparturesFollow() {
        Visit v = visit();
        v.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, "c1", null, T0.plusSeconds(30));
        assertThat(v.status()).isEqualTo(VisitStatus.ENDED);
        assertThat(v.endedAt()).contains(T0.plusSeconds(30));
        assertThat(v.recordEvent(VisitEventType.DISCONNECTED, AttendeeRole.PATIENT, "p1", null, T0).sequence())
                .isEqualTo(2);
        assertThat(v.recordEvent(VisitEventType.LEFT, AttendeeRole.PROVIDER, "c1", null, T0).sequence()).isEqualTo(3);
    }

    @Test
    void aConnectionBeforeTheEndReportedLateLeavesTheVisitEndedAndDatesItsStart() {
        Visit v = visit();
        v.end(T0.plusSeconds(600));
        VisitEvent late = v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1", null,
                T0.plusSeconds(120));
        assertThat(late.sequence()).isOne();
        assertThat(v.status()).isEqualTo(VisitStatus.ENDED);
        assertThat(v.startedAt()).contains(T0.plusSeconds(120));
        v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1", null, T0.plusSeconds(60));
        assertThat(v.startedAt()).as("the earliest connection is the start").contains(T0.plusSeconds(60));
        v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.GUEST, "g1", null, T0.plusSeconds(300));
        assertThat(v.startedAt()).contains(T0.plusSeconds(60));
        assertThatThrownBy(() -> v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p1", null,
                T0.plusSeconds(601))).as("a connection after the end is refused")
                .isInstanceOf(IllegalVisitTransitionException.class);
        assertThat(v.endedAt()).contains(T0.plusSeconds(600));
    }

    @ParameterizedTest
    @EnumSource(value = VisitEventType.class, names = {"LOBBY_JOINED", "ADMITTED", "CONNECTED", "REMOVED",
            "DEVICE_TEST", "VISIT_ENDED"})
    void anEndedVisitRefusesEverythingButDepartures(VisitEventType type) {
        Visit v = visit();
        v.end(T0);
        assertThatThrownBy(() -> v.recordEvent(type, AttendeeRole.PATIENT, "p1", null, T0))
                .isInstanceOf(IllegalVisitTransitionException.class).hasMessageContaining("ENDED");
        assertThat(v.eventCount()).isZero();
    }

    @Test
    void theDetailIsCleanedAndShortened() {
        VisitEvent e = visit().recordEvent(VisitEventType.DEVICE_TEST, AttendeeRole.PATIENT, "p1",
                " camera ok\nmicrophone ok " + "x".repeat(600), T0);
        assertThat(e.detail().orElseThrow()).startsWith("camera ok microphone ok").hasSize(VisitEvent.MAX_DETAIL_LENGTH);
        assertThat(visit().recordEvent(VisitEventType.LEFT, null, null, "  ", T0).detail()).isEmpty();
    }

    @Test
    void anAttendeeIdMustBeShortAndNotBlank() {
        assertThatThrownBy(() -> visit().recordEvent(VisitEventType.LEFT, AttendeeRole.GUEST, " ", null, T0))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> visit().recordEvent(VisitEventType.LEFT, AttendeeRole.GUEST, "x".repeat(65), null, T0))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void theFirstEhrContextIsKeptUntilForgottenAndALaterLaunchBringsItBackForARestart() {
        Visit v = visit();
        assertThat(v.rememberEhrContext(null)).isFalse();
        assertThat(v.rememberEhrContext("first")).isTrue();
        assertThat(v.rememberEhrContext("second")).isFalse();
        assertThat(v.sealedEhrContext()).contains("first");
        v.forgetEhrContext();
        assertThat(v.sealedEhrContext()).isEmpty();
        v.end(T0);
        assertThat(v.rememberEhrContext("relaunch")).isTrue(); // the sweep forgets it again unless the visit restarts
        assertThat(v.sealedEhrContext()).contains("relaunch");
    }

    @Test
    void anEndedVisitStartsAgainWithItsEventsNumberedOnAndItsFirstStartKept() {
        Visit v = visit();
        v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1", null, T0.plusSeconds(10));
        v.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, "c1", null, T0.plusSeconds(60));
        VisitEvent restarted = v.recordEvent(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null,
                T0.plusSeconds(600));
        assertThat(restarted.sequence()).isEqualTo(3);
        assertThat(v.status()).as("it had started: in progress again").isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(v.endedAt()).isEmpty();
        assertThat(v.startedAt()).contains(T0.plusSeconds(10));
        // open again: the lobby and the call take events, its first start stays
        v.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "p2", null, T0.plusSeconds(610));
        v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c2", null, T0.plusSeconds(620));
        assertThat(v.status()).isEqualTo(VisitStatus.IN_PROGRESS);
        assertThat(v.startedAt()).contains(T0.plusSeconds(10));
        VisitEvent endedAgain = v.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, "c2", null,
                T0.plusSeconds(900));
        assertThat(endedAgain.sequence()).isEqualTo(6);
        assertThat(v.endedAt()).contains(T0.plusSeconds(900));
    }

    @ParameterizedTest
    @EnumSource(value = VisitStatus.class, names = {"SCHEDULED", "IN_PROGRESS"})
    void onlyAnEndedVisitCanBeStartedAgain(VisitStatus status) {
        Visit v = visit();
        if (status == VisitStatus.IN_PROGRESS) {
            v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c1", null, T0);
        }
        long before = v.eventCount();
        assertThatThrownBy(() -> v.recordEvent(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null, T0))
                .isInstanceOf(IllegalVisitTransitionException.class).hasMessageContaining(status.name())
                .hasMessageContaining("started again");
        assertThat(v.status()).isEqualTo(status);
        assertThat(v.eventCount()).as("nothing recorded").isEqualTo(before);
    }

    @Test
    void aVisitStartedAgainCannotBeStartedAgainTwiceButCanEndAndRestartOnceMore() {
        Visit v = visit();
        v.end(T0);
        v.recordEvent(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null, T0.plusSeconds(1));
        assertThatThrownBy(() -> v.recordEvent(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null,
                T0.plusSeconds(2))).isInstanceOf(IllegalVisitTransitionException.class);
        v.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, null, null, T0.plusSeconds(3));
        v.recordEvent(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, null, null, T0.plusSeconds(4));
        assertThat(v.status()).as("nobody had joined: scheduled again, with no start").isEqualTo(VisitStatus.SCHEDULED);
        assertThat(v.startedAt()).isEmpty();
        assertThat(v.eventCount()).isEqualTo(3);
    }
}
