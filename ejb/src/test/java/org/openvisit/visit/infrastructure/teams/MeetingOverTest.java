package org.openvisit.visit.infrastructure.teams;

import org.junit.jupiter.api.Test;
import org.openvisit.ehr.graph.AttendanceRecord;
import org.openvisit.ehr.graph.AttendanceRecord.Interval;
import org.openvisit.ehr.graph.AttendanceReport;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeetingOverTest {

    private static final String TENANT = "11111111-2222-3333-4444-555555555555";
    private static final String ORGANIZER_ID = "dc17674c-81d9-4adb-bfb2-8f6a442e4623";
    private static final String GUEST_ID = "8:teamsvisitor:d1f3";
    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final UUID VISIT = UUID.fromString("0a0b0c0d-0000-4000-8000-000000000001");
    private static final Duration QUIET = Duration.ofMinutes(15);

    private final MeetingOver rule = new MeetingOver(QUIET);

    /** Session 1: organizer 10:00-10:20, guest 10:01-10:18; Teams says the session ended 10:20:30. */
    private static final AttendanceReport SESSION_1 = new AttendanceReport("r1", T0, T0.plusSeconds(1230));
    private static final List<AttendanceRecord> SESSION_1_RECORDS = List.of(
            organizer(new Interval(T0, T0.plusSeconds(1200))),
            guest(new Interval(T0.plusSeconds(60), T0.plusSeconds(1080))));

    private static AttendanceRecord organizer(Interval... intervals) {
        return new AttendanceRecord(ORGANIZER_ID, "Organizer", TENANT, List.of(intervals));
    }

    private static AttendanceRecord guest(Interval... intervals) {
        return new AttendanceRecord(GUEST_ID, "Attendee", null, List.of(intervals));
    }

    private static AttendanceRead read(List<AttendanceReport> reports, List<AttendanceRecord> records) {
        return AttendanceRead.of(VISIT, TENANT, reports, records);
    }

    private static List<String> described(List<MeetingOver.Step> steps) {
        return steps.stream().map(s -> s.type() + (s.role() == null ? "" : "/" + s.role()) + "@" + s.at()
                + (s.recorded() ? "" : " refused")).toList();
    }

    @Test
    void anOpenVisitEndsAtTheLastSessionsEndOnceTheQuietPeriodPassedAfterItsEdges() {
        Instant sessionEnd = T0.plusSeconds(1230);
        List<MeetingOver.Step> steps = rule.steps(null, read(List.of(SESSION_1), SESSION_1_RECORDS), Set.of(),
                sessionEnd.plus(QUIET));

        assertThat(described(steps)).containsExactly("CONNECTED/PROVIDER@" + T0,
                "CONNECTED/PATIENT@" + T0.plusSeconds(60), "DISCONNECTED/PATIENT@" + T0.plusSeconds(1080),
                "DISCONNECTED/PROVIDER@" + T0.plusSeconds(1200), "VISIT_ENDED@" + sessionEnd);
        assertThat(steps.get(4).markKey()).as("the end is no edge").isNull();
        assertThat(steps.get(4).attendeeId()).isNull();
    }

    @Test
    void theEndIsTheLatestSessionsEndOfSeveralReports() {
        AttendanceReport session2 = new AttendanceReport("r2", T0.plusSeconds(3000), T0.plusSeconds(3600));
        List<AttendanceRecord> records = List.of(organizer(new Interval(T0, T0.plusSeconds(1200)),
                new Interval(T0.plusSeconds(3000), T0.plusSeconds(3590))));
        List<MeetingOver.Step> steps = rule.steps(null, read(List.of(session2, SESSION_1), records), Set.of(),
                T0.plusSeconds(3600).plus(QUIET).plusSeconds(1));

        assertThat(steps).last().satisfies(s -> {
            assertThat(s.type()).isEqualTo(VisitEventType.VISIT_ENDED);
            assertThat(s.at()).isEqualTo(T0.plusSeconds(3600));
        });
    }

    @Test
    void nothingEndsBeforeTheQuietPeriodHasPassed() {
        List<MeetingOver.Step> steps = rule.steps(null, read(List.of(SESSION_1), SESSION_1_RECORDS), Set.of(),
                T0.plusSeconds(1230).plus(QUIET).minusSeconds(1));

        assertThat(steps).hasSize(4).noneMatch(s -> s.type() == VisitEventType.VISIT_ENDED);
    }

    @Test
    void nothingEndsWhileSomeonesIntervalHasNoLeave() {
        List<AttendanceRecord> records = List.of(organizer(new Interval(T0, T0.plusSeconds(1200))),
                guest(new Interval(T0.plusSeconds(60), null)));
        List<MeetingOver.Step> steps = rule.steps(null, read(List.of(SESSION_1), records), Set.of(),
                T0.plus(Duration.ofHours(3)));

        assertThat(described(steps)).containsExactly("CONNECTED/PROVIDER@" + T0,
                "CONNECTED/PATIENT@" + T0.plusSeconds(60), "DISCONNECTED/PROVIDER@" + T0.plusSeconds(1200));
    }

    @Test
    void nothingEndsWithoutAnAttendanceReport() {
        assertThat(rule.steps(null, read(List.of(), List.of()), Set.of(), T0.plus(Duration.ofHours(3)))).isEmpty();
    }

    @Test
    void aLeaveThatGraphPutsAfterTheSessionsEndMovesTheEndToIt() {
        List<AttendanceRecord> records = List.of(organizer(new Interval(T0, T0.plusSeconds(1300))));
        List<MeetingOver.Step> steps = rule.steps(null, read(List.of(SESSION_1), records), Set.of(),
                T0.plusSeconds(1300).plus(QUIET));

        assertThat(described(steps)).endsWith("DISCONNECTED/PROVIDER@" + T0.plusSeconds(1300),
                "VISIT_ENDED@" + T0.plusSeconds(1300));
        assertThat(rule.steps(null, read(List.of(SESSION_1), records), Set.of(), T0.plusSeconds(1299).plus(QUIET)))
                .as("quiet counted from the later leave").noneMatch(s -> s.type() == VisitEventType.VISIT_ENDED);
    }

    @Test
    void anEndedVisitSeenAgainChangesNothing() {
        AttendanceRead read = read(List.of(SESSION_1), SESSION_1_RECORDS);
        Set<String> marked = read.edges().stream().map(AttendanceEdges.Edge::key).collect(Collectors.toSet());

        assertThat(rule.steps(T0.plusSeconds(1230), read, marked, T0.plus(Duration.ofHours(2)))).isEmpty();
    }

    @Test
    void anEndedVisitStartsAgainWhenTheOrganizerJoinsALaterSessionThenEndsAgainWhenThatIsOver() {
        Instant firstEnd = T0.plusSeconds(1230);
        AttendanceRead first = read(List.of(SESSION_1), SESSION_1_RECORDS);
        Set<String> marked = first.edges().stream().map(AttendanceEdges.Edge::key).collect(Collectors.toSet());
        // session 2: the guest is back first (10:59), the organizer at 11:00, both leave by 11:20; over 11:20:10
        AttendanceReport session2 = new AttendanceReport("r2", T0.plusSeconds(3540), T0.plusSeconds(4810));
        List<AttendanceRecord> both = List.of(
                organizer(new Interval(T0, T0.plusSeconds(1200)), new Interval(T0.plusSeconds(3600),
                        T0.plusSeconds(4800))),
                guest(new Interval(T0.plusSeconds(60), T0.plusSeconds(1080)), new Interval(T0.plusSeconds(3540),
                        T0.plusSeconds(4790))));

        List<MeetingOver.Step> steps = rule.steps(firstEnd, read(List.of(SESSION_1, session2), both), marked,
                T0.plusSeconds(4810).plus(QUIET));

        assertThat(described(steps)).containsExactly(
                "CONNECTED/PATIENT@" + T0.plusSeconds(3540) + " refused",
                "VISIT_RESTARTED/PROVIDER@" + T0.plusSeconds(3600),
                "CONNECTED/PROVIDER@" + T0.plusSeconds(3600),
                "DISCONNECTED/PATIENT@" + T0.plusSeconds(4790),
                "DISCONNECTED/PROVIDER@" + T0.plusSeconds(4800),
                "VISIT_ENDED@" + T0.plusSeconds(4810));
        assertThat(steps.get(1).attendeeId()).isEqualTo(steps.get(2).attendeeId());
        assertThat(steps.get(1).markKey()).isNull();
        assertThat(steps.get(0).markKey()).as("the refused join is kept as seen").isNotNull();

        // while that later session's quiet period runs: started again, not ended
        assertThat(described(rule.steps(firstEnd, read(List.of(SESSION_1, session2), both), marked,
                T0.plusSeconds(4810).plus(QUIET).minusSeconds(1)))).last().isEqualTo("DISCONNECTED/PROVIDER@"
                + T0.plusSeconds(4800));
    }

    @Test
    void anEndedVisitStaysEndedWhenOnlyThePatientJoinsLater() {
        Instant firstEnd = T0.plusSeconds(1230);
        AttendanceRead first = read(List.of(SESSION_1), SESSION_1_RECORDS);
        Set<String> marked = first.edges().stream().map(AttendanceEdges.Edge::key).collect(Collectors.toSet());
        AttendanceReport session2 = new AttendanceReport("r2", T0.plusSeconds(3540), T0.plusSeconds(3700));
        List<AttendanceRecord> records = List.of(organizer(new Interval(T0, T0.plusSeconds(1200))),
                guest(new Interval(T0.plusSeconds(60), T0.plusSeconds(1080)), new Interval(T0.plusSeconds(3540),
                        T0.plusSeconds(3700))));

        List<MeetingOver.Step> steps = rule.steps(firstEnd, read(List.of(SESSION_1, session2), records), marked,
                T0.plus(Duration.ofHours(3)));

        assertThat(described(steps)).containsExactly("CONNECTED/PATIENT@" + T0.plusSeconds(3540) + " refused",
                "DISCONNECTED/PATIENT@" + T0.plusSeconds(3700)); // a departure is still taken, as before
        assertThat(steps).noneMatch(s -> s.type() == VisitEventType.VISIT_RESTARTED
                || s.type() == VisitEventType.VISIT_ENDED);
    }

    @Test
    void theStepsAreAnOrderTheVisitTakes() {
        Visit visit = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), DataRegion.AMERICAS,
                VisitKeyKind.APPOINTMENT, new AppointmentHash("b".repeat(64)), null, T0.minusSeconds(600));
        Set<String> marked = new HashSet<>();
        apply(visit, rule.steps(null, read(List.of(SESSION_1), SESSION_1_RECORDS), marked,
                T0.plus(Duration.ofHours(1))), marked);
        assertThat(visit.status()).isEqualTo(VisitStatus.ENDED);
        assertThat(visit.endedAt()).contains(T0.plusSeconds(1230));

        AttendanceReport session2 = new AttendanceReport("r2", T0.plusSeconds(3600), T0.plusSeconds(4810));
        List<AttendanceRecord> both = List.of(organizer(new Interval(T0, T0.plusSeconds(1200)),
                new Interval(T0.plusSeconds(3600), T0.plusSeconds(4800))), SESSION_1_RECORDS.get(1));
        apply(visit, rule.steps(visit.endedAt().orElseThrow(), read(List.of(SESSION_1, session2), both), marked,
                T0.plus(Duration.ofHours(3))), marked);

        assertThat(visit.status()).isEqualTo(VisitStatus.ENDED);
        assertThat(visit.endedAt()).contains(T0.plusSeconds(4810));
        assertThat(visit.startedAt()).contains(T0);
        assertThat(visit.eventCount()).as("4 edges + end, restart + 2 edges + end").isEqualTo(9);
    }

    @Test
    void theQuietPeriodCannotBeNegative() {
        assertThatThrownBy(() -> new MeetingOver(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theQuietPeriodSettingIsAnIsoDurationUpToSixHours() {
        assertThat(AttendancePlanning.quietPeriod("PT15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(AttendancePlanning.quietPeriod(" PT0S ")).isEqualTo(Duration.ZERO);
        for (String wrong : new String[]{"15", "PT7H", "-PT1M", ""}) {
            assertThatThrownBy(() -> AttendancePlanning.quietPeriod(wrong)).as(wrong)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("openvisit.teams.meeting-over-after").hasMessageContaining("PT15M");
        }
    }

    private static void apply(Visit visit, List<MeetingOver.Step> steps, Set<String> marked) {
        for (MeetingOver.Step s : steps) {
            if (s.recorded()) {
                visit.recordEvent(s.type(), s.role(), s.attendeeId(), null, s.at());
            }
            if (s.markKey() != null) {
                marked.add(s.markKey());
            }
        }
    }
}
