package org.openvisit.report.application;

import org.junit.jupiter.api.Test;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a visit's refresh marks its hour's report figures to be made again (SummaryWriter): only when what its row
 * adds to the hour changed — not for an event that changes nothing of it.
 */
class HourShareTest {

    private static final Instant BOOKED = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);

    private final Visit visit = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), DataRegion.AMERICAS,
            VisitKeyKind.APPOINTMENT, new AppointmentHash("ab".repeat(32)), null, BOOKED.minusSeconds(600));
    private final List<VisitEvent> events = new ArrayList<>();
    private final VisitSummary summary;

    HourShareTest() {
        visit.bookedFor(BOOKED, BOOKED.plusSeconds(1800));
        summary = VisitSummary.of(visit);
    }

    private SummaryWriter.HourShare after(VisitEventType type, AttendeeRole role, String attendee, Instant at) {
        events.add(visit.recordEvent(type, role, attendee, null, at));
        summary.refresh(visit, List.of("dr"), events, GRACE, at);
        return SummaryWriter.HourShare.of(summary);
    }

    @Test
    void anEventThatChangesNothingOfTheHourMarksNothingAndOneThatDoesMarks() {
        SummaryWriter.HourShare open = after(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c", BOOKED);
        SummaryWriter.HourShare lobby = after(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "p",
                BOOKED.plusSeconds(10));
        assertThat(lobby).as("a patient in the lobby: still open, no figures yet").isEqualTo(open);
        after(VisitEventType.ADMITTED, AttendeeRole.PATIENT, "p", BOOKED.plusSeconds(130));
        SummaryWriter.HourShare started = after(VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p",
                BOOKED.plusSeconds(130));
        assertThat(started).as("completed, with a lobby wait").isNotEqualTo(open);
        assertThat(started.lobbyWait()).isEqualTo(120L);
        after(VisitEventType.LEFT, AttendeeRole.PATIENT, "p", BOOKED.plusSeconds(730));
        SummaryWriter.HourShare ended = after(VisitEventType.LEFT, AttendeeRole.PROVIDER, "c",
                BOOKED.plusSeconds(730));
        assertThat(ended).as("a duration now").isNotEqualTo(started);
        assertThat(ended.duration()).isEqualTo(600L);
        assertThat(ended.hour()).isEqualTo(BOOKED.getEpochSecond() / 3600);
    }
}
