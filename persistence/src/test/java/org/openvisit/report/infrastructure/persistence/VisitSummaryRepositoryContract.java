package org.openvisit.report.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.ReportFilter;
import org.openvisit.report.domain.model.TimeBucketCount;
import org.openvisit.report.domain.model.ZoneBuckets;
import org.openvisit.report.domain.model.ReportSort;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.report.domain.model.ReportTotals;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.infrastructure.persistence.JpaVisitRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V2 regional migration, the summary rows and the report queries (percentiles, filters, sorting and paging in the
 * database, keyset paging for exports), against a real database: the same assertions on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VisitSummaryRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);

    private MigratedDatabase database;
    private EntityManagerFactory factory;
    private final UUID organization = UUID.randomUUID();
    private final UUID endpoint = UUID.randomUUID();
    private final UUID otherEndpoint = UUID.randomUUID();
    private UUID longVisit;
    private UUID shortVisit;
    private UUID unsummarized;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void seed() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
        Instant now = T0.plus(Duration.ofDays(1));
        shortVisit = visit(endpoint, "Location/cardio", "dr.a", T0, now, 2, 10); // wait 2 min, 10 min call
        longVisit = visit(otherEndpoint, "Location/derm", "dr.b", T0.plusSeconds(3600), now, 4, 20);
        visit(endpoint, "Location/cardio", "dr.a", T0.plusSeconds(7200), now, -1, 0); // no-show: nobody came
        visit(endpoint, "Location/cardio", "dr.a", T0.plusSeconds(10800), now, -2, 0); // came, never seen
        visit(endpoint, "Location/cardio", "dr.a", T0.minus(Duration.ofDays(30)), now, 2, 5); // out of range
        unsummarized = inTransaction(em -> {
            Visit v = Visit.schedule(endpoint, organization, DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, hash(),
                    null, T0);
            new JpaVisitRepository(em).add(v);
            return v.id();
        });
        seedTheClinic();
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    private <T> T inTransaction(java.util.function.Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            em.close();
        }
    }

    private static AppointmentHash hash() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return new AppointmentHash(HexFormat.of().formatHex(b));
    }

    /** waitMinutes -1: nobody comes; -2: a patient waits and is never admitted; else admitted after that wait. */
    private UUID visit(UUID ep, String department, String clinician, Instant booked, Instant now, int waitMinutes,
                       int callMinutes) {
        return visit(organization, ep, department, clinician, booked, now, waitMinutes < 0 ? waitMinutes : waitMinutes * 60,
                callMinutes * 60);
    }

    /** waitSeconds -1: nobody comes; -2: a patient waits and is never admitted; else admitted after that wait. */
    private UUID visit(UUID organization, UUID ep, String department, String clinician, Instant booked, Instant now,
                       int waitSeconds, int callSeconds) {
        return inTransaction(em -> {
            JpaVisitRepository visits = new JpaVisitRepository(em);
            Visit v = Visit.schedule(ep, organization, DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, hash(),
                    department, booked.minusSeconds(600));
            v.bookedFor(booked, booked.plusSeconds(1800));
            visits.add(v);
            visits.addParticipant(v.participant(clinician, ParticipantRole.PROVIDER, booked));
            List<VisitEvent> events = new ArrayList<>();
            events.add(v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c", null, booked));
            if (waitSeconds == -2) {
                events.add(v.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "p", null, booked));
            } else if (waitSeconds >= 0) {
                Instant admitted = booked.plusSeconds(waitSeconds);
                events.add(v.recordEvent(VisitEventType.LOBBY_JOINED, AttendeeRole.PATIENT, "p", null, booked));
                events.add(v.recordEvent(VisitEventType.ADMITTED, AttendeeRole.PATIENT, "p", null, admitted));
                events.add(v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p", null, admitted));
                events.add(v.recordEvent(VisitEventType.LEFT, AttendeeRole.PATIENT, "p", null,
                        admitted.plusSeconds(callSeconds)));
                events.add(v.recordEvent(VisitEventType.LEFT, AttendeeRole.PROVIDER, "c", null,
                        admitted.plusSeconds(callSeconds)));
            }
            events.add(v.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, null, null,
                    booked.plusSeconds(1800)));
            events.forEach(visits::addEvent);
            VisitSummary s = VisitSummary.of(v);
            s.refresh(v, List.of(clinician), events, GRACE, now);
            new JpaVisitSummaryRepository(em).add(s);
            return v.id();
        });
    }

    private <T> T read(java.util.function.Function<JpaVisitSummaryRepository, T> query) {
        EntityManager em = factory.createEntityManager();
        try {
            return query.apply(new JpaVisitSummaryRepository(em));
        } finally {
            em.close();
        }
    }

    private ReportFilter day() {
        return ReportFilter.of(organization, T0.minusSeconds(3600), T0.plus(Duration.ofDays(1)));
    }

    @Test
    void totalsCountTheStatusesAndTakeMediansAndPercentilesInTheDatabase() {
        ReportTotals t = read(r -> r.totals(day()));
        assertThat(t.visits()).isEqualTo(4);
        assertThat(t.completed()).isEqualTo(2);
        assertThat(t.noShows()).isEqualTo(1);
        assertThat(t.endedWithoutPatient()).isEqualTo(1);
        assertThat(t.noShowRate()).isEqualTo(0.25);
        assertThat(t.medianDurationSeconds()).isEqualTo(900.0); // 600 and 1200
        assertThat(t.p90DurationSeconds()).isEqualTo(1140.0);
        assertThat(t.medianLobbyWaitSeconds()).isEqualTo(180.0); // 120 and 240
        assertThat(t.medianTimeToAdmitSeconds()).isEqualTo(180.0);
    }

    @Test
    void filtersNarrowTheReport() {
        ReportFilter f = day();
        assertThat(this.<ReportTotals>read(r -> r.totals(new ReportFilter(organization, f.from(), f.to(), otherEndpoint, null, null,
                null, null))).visits()).isEqualTo(1);
        assertThat(this.<Long>read(r -> r.count(new ReportFilter(organization, f.from(), f.to(), null, "Location/cardio", null,
                null, null)))).isEqualTo(3);
        assertThat(this.<Long>read(r -> r.count(new ReportFilter(organization, f.from(), f.to(), null, null, "dr.b", null,
                null)))).isEqualTo(1);
        assertThat(this.<ReportTotals>read(r -> r.totals(new ReportFilter(organization, f.from(), f.to(), null, null, "dr.b", null,
                null))).visits()).isEqualTo(1);
        assertThat(this.<Long>read(r -> r.count(new ReportFilter(organization, f.from(), f.to(), null, null, null,
                ReportStatus.NO_SHOW, null)))).isEqualTo(1);
        assertThat(this.<Long>read(r -> r.count(ReportFilter.of(UUID.randomUUID(), f.from(), f.to())))).isZero();
    }

    @Test
    void pagesAreSortedAndCutInTheDatabase() {
        List<VisitSummary> byDuration = read(r -> r.page(day(), ReportSort.DURATION, false, 0, 2));
        assertThat(byDuration).extracting(VisitSummary::visitId).containsExactly(longVisit, shortVisit);
        List<VisitSummary> second = read(r -> r.page(day(), ReportSort.DURATION, false, 2, 2));
        assertThat(second).hasSize(2).allSatisfy(s -> assertThat(s.durationSeconds()).isEmpty());
        List<VisitSummary> ascending = read(r -> r.page(day(), ReportSort.DURATION, true, 0, 10));
        assertThat(ascending.get(0).visitId()).isEqualTo(shortVisit);
        assertThat(ascending).hasSize(4);
        assertThat(this.<List<VisitSummary>>read(r -> r.page(day(), ReportSort.REPORT_AT, true, 0, 1)).get(0).visitId())
                .isEqualTo(shortVisit);
    }

    @Test
    void keysetPagesWalkEveryRowOnce() {
        List<UUID> seen = new ArrayList<>();
        Instant at = null;
        UUID id = null;
        while (true) {
            Instant a = at;
            UUID i = id;
            List<VisitSummary> page = read(r -> r.after(day(), a, i, 3));
            if (page.isEmpty()) {
                break;
            }
            page.forEach(s -> seen.add(s.visitId()));
            at = page.get(page.size() - 1).reportAt();
            id = page.get(page.size() - 1).visitId();
        }
        assertThat(seen).hasSize(4).doesNotHaveDuplicates();
    }

    /**
     * A chunk after a cursor continues right after it, also inside a run of visits at the same time (the query bounds
     * its index scan with "report time at or after the cursor's" besides the keyset condition, so that PostgreSQL
     * starts at the cursor instead of filtering every row from the range's start: bench/README.md).
     */
    @Test
    void anExportChunkContinuesRightAfterItsCursorAlsoAmongVisitsAtTheSameTime() {
        UUID clinic = UUID.randomUUID();
        Instant now = T0.plus(Duration.ofDays(1));
        for (int i = 0; i < 30; i++) { // three visits a minute
            visit(clinic, endpoint, "Location/keyset", "dr.k", T0.plusSeconds(60L * (i / 3)), now, 60, 300);
        }
        ReportFilter range = ReportFilter.of(clinic, T0.minusSeconds(3600), T0.plus(Duration.ofDays(1)));
        List<UUID> all = this.<List<VisitSummary>>read(r -> r.after(range, null, null, 1000)).stream()
                .map(VisitSummary::visitId).toList();
        assertThat(all).hasSize(30).doesNotHaveDuplicates();
        List<VisitSummary> ordered = read(r -> r.after(range, null, null, 1000));
        for (int cursor : new int[]{0, 12, 13, 14, 27}) { // first, middle and last of a minute's three
            VisitSummary c = ordered.get(cursor);
            List<UUID> next = this.<List<VisitSummary>>read(r -> r.after(range, c.reportAt(), c.visitId(), 4))
                    .stream().map(VisitSummary::visitId).toList();
            assertThat(next).as("after row " + cursor)
                    .containsExactlyElementsOf(all.subList(cursor + 1, Math.min(cursor + 5, 30)));
        }
    }

    @Test
    void openVisitsWhoseNoShowDeadlinePassedAndVisitsWithNewEventsNeedANewSummary() {
        Instant booked = T0.plus(Duration.ofDays(2));
        UUID open = inTransaction(em -> {
            Visit v = Visit.schedule(endpoint, organization, DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, hash(),
                    null, booked.minusSeconds(600));
            v.bookedFor(booked, booked.plusSeconds(1800));
            new JpaVisitRepository(em).add(v);
            VisitSummary s = VisitSummary.of(v);
            s.refresh(v, List.of(), List.of(), GRACE, booked);
            new JpaVisitSummaryRepository(em).add(s);
            return v.id();
        });
        Instant deadline = booked.plusSeconds(1800).plus(GRACE);
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(deadline.minusSeconds(1), null, 100))).doesNotContain(open);
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(deadline, null, 100))).contains(open);
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(deadline, deadline, 100)))
                .as("an overdue open visit, however old").contains(open);

        UUID moved = inTransaction(em -> {
            JpaVisitRepository visits = new JpaVisitRepository(em);
            Visit v = visits.findForUpdate(shortVisit).orElseThrow();
            visits.addEvent(v.recordEvent(VisitEventType.LEFT, AttendeeRole.PROVIDER, "c", null, booked));
            return v.id();
        });
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(T0, null, 100))).as("an event the summary has not seen")
                .contains(moved);
    }

    @Test
    void visitsWithoutASummaryNeedOne() {
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(T0.plus(Duration.ofDays(1)), null, 100)))
                .contains(unsummarized).doesNotContain(longVisit);
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(T0.plus(Duration.ofDays(1)), T0, 100)))
                .as("created inside the window").contains(unsummarized);
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(T0.plus(Duration.ofDays(1)), T0.plusSeconds(1), 100)))
                .as("created before the window").doesNotContain(unsummarized);
        assertThat(this.<List<UUID>>read(r -> r.needingRefresh(T0.plus(Duration.ofDays(1)), null, 1))).hasSize(1);
        assertThat(this.<List<UUID>>read(r -> r.visitIds(organization, null, 100))).hasSizeGreaterThanOrEqualTo(6);
        assertThat(this.<List<UUID>>read(r -> r.visitIds(UUID.randomUUID(), null, 100))).isEmpty();
    }

    @Test
    void visitsAreCountedByStatusAndTimeBucketInTheDatabase() {
        List<TimeBucketCount> hourly = read(r -> r.countsByTime(day(), 3600));
        assertThat(hourly).containsExactlyInAnyOrder(
                new TimeBucketCount(T0, ReportStatus.COMPLETED, 1),
                new TimeBucketCount(T0.plusSeconds(3600), ReportStatus.COMPLETED, 1),
                new TimeBucketCount(T0.plusSeconds(7200), ReportStatus.NO_SHOW, 1),
                new TimeBucketCount(T0.plusSeconds(10800), ReportStatus.ENDED_WITHOUT_PATIENT, 1));
        List<TimeBucketCount> daily = read(r -> r.countsByTime(day(), 86_400));
        assertThat(daily).extracting(TimeBucketCount::start).containsOnly(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(daily).extracting(TimeBucketCount::visits).containsExactlyInAnyOrder(2L, 1L, 1L);

        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+5:30: half-hour buckets
        int width = ZoneBuckets.width(kolkata, day().from(), day().to());
        assertThat(width).isEqualTo(1800);
        long[] hours = ZoneBuckets.hours(read(r -> r.countsByTime(day(), width)), kolkata);
        assertThat(hours[15]).isEqualTo(1); // 10:00Z = 15:30 there
        assertThat(hours[16]).isEqualTo(1);
        assertThat(hours[17]).isEqualTo(1);
        assertThat(hours[18]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(hours).sum()).isEqualTo(4);

        ReportFilter f = day();
        assertThat(this.<List<TimeBucketCount>>read(r -> r.countsByTime(new ReportFilter(organization, f.from(),
                f.to(), null, null, null, ReportStatus.NO_SHOW, null), 3600)))
                .containsExactly(new TimeBucketCount(T0.plusSeconds(7200), ReportStatus.NO_SHOW, 1));
    }

    @Test
    void lobbyWaitsAreBucketedInTheDatabaseAsInJava() {
        Map<LobbyWaitBucket, Long> waits = read(r -> r.lobbyWaits(day()));
        assertThat(waits).hasSize(LobbyWaitBucket.values().length);
        // waits of 120 s and 240 s: 120 s is the first wait of "2 to 5 min", as LobbyWaitBucket.of says
        assertThat(waits.get(LobbyWaitBucket.of(120))).isEqualTo(2);
        assertThat(waits.get(LobbyWaitBucket.MIN_2_TO_5)).isEqualTo(2);
        assertThat(waits.get(LobbyWaitBucket.MIN_1_TO_2)).isZero();
        assertThat(waits.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(2);
        assertThat(this.<Map<LobbyWaitBucket, Long>>read(r -> r.lobbyWaits(ReportFilter.of(UUID.randomUUID(),
                day().from(), day().to()))).values()).containsOnly(0L);
    }

    @Test
    void callQualityIsSummedPerTimeBucketInTheDatabaseOverEveryAttendee() {
        inTransaction(em -> {
            quality(em, shortVisit, "c", 2, 300, 2, 10, 2, 1.0, 2, 50); // the clinician: rtt 150 ms on 2 samples
            quality(em, shortVisit, "p", 1, 100, 1, 20, 1, 4.0, 1, 10); // the patient: rtt 100 ms on 1 sample
            quality(em, longVisit, "p", 3, 90, 3, 3, 3, 0, 3, 75);
            return null;
        });
        List<org.openvisit.report.domain.model.QualitySums> hourly = read(r -> r.qualityByTime(day(), 3600));
        assertThat(hourly).hasSize(2);
        org.openvisit.report.domain.model.QualitySums first = hourly.stream().filter(q -> q.start().equals(T0))
                .findFirst().orElseThrow();
        assertThat(first.rttMs()).hasValue(400.0 / 3); // weighted by samples: (300 + 100) / 3
        assertThat(first.jitterMs()).hasValue(10.0);
        assertThat(first.lossPercent()).hasValue(5.0 / 3);
        assertThat(first.fps()).hasValue(20.0);
        assertThat(hourly).anySatisfy(q -> {
            assertThat(q.start()).isEqualTo(T0.plusSeconds(3600));
            assertThat(q.rttMs()).hasValue(30.0);
        });
        ReportFilter f = day();
        assertThat(this.<List<org.openvisit.report.domain.model.QualitySums>>read(r -> r.qualityByTime(
                new ReportFilter(organization, f.from(), f.to(), otherEndpoint, null, null, null, null), 3600)))
                .as("filtered like the table").extracting(org.openvisit.report.domain.model.QualitySums::start)
                .containsExactly(T0.plusSeconds(3600));
        assertThat(this.<List<org.openvisit.report.domain.model.QualitySums>>read(r -> r.qualityByTime(
                ReportFilter.of(UUID.randomUUID(), f.from(), f.to()), 3600))).as("another organization").isEmpty();
    }

    private void quality(EntityManager em, UUID visit, String attendee, long rttCount, double rttSum, long jitterCount,
                         double jitterSum, long lossCount, double lossSum, long fpsCount, double fpsSum) {
        qualityOf(em, organization, visit, attendee, rttCount, rttSum, jitterCount, jitterSum, lossCount, lossSum,
                fpsCount, fpsSum);
    }

    // ---- the columns beyond presence (regional V15): environment, call quality, device test, write-back, SMS,
    // cancelled; in an organization of their own so that the figures above stay as they are

    private final UUID clinic = UUID.randomUUID();

    private ReportFilter clinicDay(org.openvisit.tenant.domain.model.FhirEnvironment environment,
                                   org.openvisit.report.domain.model.QualityVerdict quality, ReportStatus status) {
        return new ReportFilter(clinic, T0.minusSeconds(3600), T0.plus(Duration.ofDays(1)), null, null, null, status,
                null, environment, quality);
    }

    /** A visit of the clinic: completed (a 10-minute call) or nobody came; with its extras. */
    private UUID clinicVisit(Instant booked, boolean completed, int sms, org.openvisit.tenant.domain.model.FhirEnvironment env,
                             Double rtt, boolean cancelled, boolean failedWriteBack) {
        return inTransaction(em -> {
            JpaVisitRepository visits = new JpaVisitRepository(em);
            Visit v = Visit.schedule(endpoint, clinic, DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, hash(),
                    "Location/cardio", booked.minusSeconds(600));
            v.bookedFor(booked, booked.plusSeconds(1800));
            visits.add(v);
            List<VisitEvent> events = new ArrayList<>();
            for (int i = 0; i < sms; i++) {
                events.add(v.recordEvent(VisitEventType.SMS_SENT, AttendeeRole.PROVIDER, "c", null,
                        booked.minusSeconds(300 - i)));
            }
            if (completed) {
                events.add(v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c", null, booked));
                events.add(v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PATIENT, "p", null, booked));
                events.add(v.recordEvent(VisitEventType.LEFT, AttendeeRole.PATIENT, "p", null, booked.plusSeconds(600)));
            }
            events.add(v.recordEvent(VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, null, null,
                    booked.plusSeconds(1800)));
            events.forEach(visits::addEvent);
            List<org.openvisit.visit.domain.model.CallQuality> quality = new ArrayList<>();
            if (rtt != null) {
                var q = org.openvisit.visit.domain.model.CallQuality.start(v, "p", AttendeeRole.PATIENT,
                        new org.openvisit.visit.domain.model.QualitySample(rtt, 5.0, 0.0, 30.0, 900.0), booked);
                new org.openvisit.visit.infrastructure.persistence.JpaCallQualityRepository(em).add(q);
                quality.add(q);
            }
            var tasks = new org.openvisit.writeback.infrastructure.persistence.JpaDeliveryTaskRepository(em);
            var task = org.openvisit.writeback.domain.model.DeliveryTask.forEvent(events.get(events.size() - 1).id(),
                    v.id(), endpoint, clinic, 1, VisitEventType.VISIT_ENDED, AttendeeRole.PROVIDER, booked, null, booked);
            tasks.add(task);
            if (failedWriteBack) {
                task.claim("node-a", booked, Duration.ofMinutes(1));
                tasks.addAttempt(task.fail("node-a", booked, booked.plusSeconds(1), "refused"));
            }
            VisitSummary s = VisitSummary.of(v);
            s.refresh(v, List.of("dr.c"), events, GRACE, T0.plus(Duration.ofDays(1)),
                    new org.openvisit.report.domain.model.SummaryExtras(env, quality,
                            List.of(task.status()), cancelled));
            new JpaVisitSummaryRepository(em).add(s);
            return v.id();
        });
    }

    private UUID poorCall;
    private UUID fineCall;
    private UUID cancelledVisit;

    private void seedTheClinic() {
        var production = org.openvisit.tenant.domain.model.FhirEnvironment.PRODUCTION;
        var test = org.openvisit.tenant.domain.model.FhirEnvironment.TEST;
        poorCall = clinicVisit(T0, true, 2, production, 450.0, false, true);
        fineCall = clinicVisit(T0.plusSeconds(3600), true, 0, test, 80.0, true, false); // took place: completed
        cancelledVisit = clinicVisit(T0.plusSeconds(7200), false, 1, test, null, true, false);
    }

    @Test
    void theClinicsTotalsCountCancelledVisitsPoorCallsAndSms() {
        ReportTotals t = read(r -> r.totals(clinicDay(null, null, null)));
        assertThat(t.visits()).isEqualTo(3);
        assertThat(t.completed()).isEqualTo(2);
        assertThat(t.cancelled()).isEqualTo(1);
        assertThat(t.noShows()).isZero();
        assertThat(t.qualityMeasured()).isEqualTo(2);
        assertThat(t.poorQuality()).isEqualTo(1);
        assertThat(t.poorQualityRate()).isEqualTo(0.5);
        assertThat(t.smsSent()).isEqualTo(3);
    }

    @Test
    void environmentQualityAndCancelledFilterInTheDatabase() {
        var test = org.openvisit.tenant.domain.model.FhirEnvironment.TEST;
        var production = org.openvisit.tenant.domain.model.FhirEnvironment.PRODUCTION;
        var verdicts = org.openvisit.report.domain.model.QualityVerdict.values();
        assertThat(this.<List<VisitSummary>>read(r -> r.page(clinicDay(test, null, null), ReportSort.REPORT_AT, true, 0,
                10))).extracting(VisitSummary::visitId).containsExactly(fineCall, cancelledVisit);
        assertThat(this.<ReportTotals>read(r -> r.totals(clinicDay(production, null, null))).visits()).isEqualTo(1);
        for (var verdict : verdicts) {
            UUID expected = switch (verdict) {
                case POOR -> poorCall;
                case FINE -> fineCall;
                case NO_DATA -> cancelledVisit;
            };
            assertThat(this.<List<VisitSummary>>read(r -> r.page(clinicDay(null, verdict, null), ReportSort.REPORT_AT,
                    true, 0, 10))).extracting(VisitSummary::visitId).as(verdict.name()).containsExactly(expected);
            assertThat(this.<Long>read(r -> r.count(clinicDay(null, verdict, null)))).isEqualTo(1);
        }
        assertThat(this.<Long>read(r -> r.count(clinicDay(test, null, ReportStatus.CANCELLED)))).isEqualTo(1);
        assertThat(this.<Long>read(r -> r.count(clinicDay(production, null, ReportStatus.CANCELLED)))).isZero();
        assertThat(this.<List<TimeBucketCount>>read(r -> r.countsByTime(clinicDay(null, null, null), 86_400)))
                .extracting(TimeBucketCount::status).contains(ReportStatus.CANCELLED);
    }

    @Test
    void theNewColumnsAreStoredAndEverySortRunsInTheDatabase() {
        VisitSummary poor = read(r -> r.find(poorCall).orElseThrow());
        assertThat(poor.quality().verdict()).isEqualTo(org.openvisit.report.domain.model.QualityVerdict.POOR);
        assertThat(poor.quality().rttMs()).isEqualTo(450.0);
        assertThat(poor.environment()).contains("PRODUCTION");
        assertThat(poor.writeBack()).isEqualTo(org.openvisit.report.domain.model.WriteBackState.DEAD_LETTER);
        assertThat(poor.smsSent()).isEqualTo(2);
        for (ReportSort sort : ReportSort.values()) {
            for (boolean ascending : new boolean[]{true, false}) {
                assertThat(this.<List<VisitSummary>>read(r -> r.page(clinicDay(null, null, null), sort, ascending, 0,
                        10))).as(sort + (ascending ? " asc" : " desc")).hasSize(3);
            }
        }
        List<VisitSummary> byRtt = read(r -> r.page(clinicDay(null, null, null), ReportSort.CALL_QUALITY, false, 0, 10));
        assertThat(byRtt).extracting(VisitSummary::visitId).as("no figures last").containsExactly(poorCall, fineCall,
                cancelledVisit);
        List<VisitSummary> bySms = read(r -> r.page(clinicDay(null, null, null), ReportSort.SMS_SENT, true, 0, 10));
        assertThat(bySms).extracting(VisitSummary::smsSent).containsExactly(0, 1, 2);
    }

    @Test
    void writeBackProgressSetsTheStateInTheDatabaseAsInJava() {
        // the fine call's task is pending (as refreshed); it is delivered, then a second task of it is given up
        inTransaction(em -> {
            var tasks = new org.openvisit.writeback.infrastructure.persistence.JpaDeliveryTaskRepository(em);
            var task = tasks.ofVisit(fineCall).get(0);
            Instant later = T0.plus(Duration.ofDays(1));
            task.claim("node-a", later, Duration.ofMinutes(1));
            tasks.addAttempt(task.delivered("node-a", later, later.plusSeconds(1)));
            new JpaVisitSummaryRepository(em).followWriteBack(List.of(fineCall, UUID.randomUUID()));
            return null;
        });
        assertThat(this.<VisitSummary>read(r -> r.find(fineCall).orElseThrow()).writeBack())
                .isEqualTo(org.openvisit.report.domain.model.WriteBackState.DELIVERED);
        inTransaction(em -> {
            em.createNativeQuery("DELETE FROM writeback_attempt WHERE task_id IN (SELECT id FROM writeback_task"
                    + " WHERE visit_id = ?1)").setParameter(1, fineCall.toString()).executeUpdate();
            em.createNativeQuery("DELETE FROM writeback_task WHERE visit_id = ?1").setParameter(1, fineCall.toString())
                    .executeUpdate();
            new JpaVisitSummaryRepository(em).followWriteBack(List.of(fineCall));
            return null;
        });
        assertThat(this.<VisitSummary>read(r -> r.find(fineCall).orElseThrow()).writeBack())
                .as("tasks purged: the state stays").isEqualTo(org.openvisit.report.domain.model.WriteBackState.DELIVERED);
        inTransaction(em -> {
            new JpaVisitSummaryRepository(em).followWriteBack(List.of(poorCall));
            return null;
        });
        assertThat(this.<VisitSummary>read(r -> r.find(poorCall).orElseThrow()).writeBack())
                .isEqualTo(org.openvisit.report.domain.model.WriteBackState.DEAD_LETTER);
    }

    // ---- figures per organization and hour (regional V19): in an organization of their own ----

    private final UUID hourly = UUID.randomUUID();

    @Test
    void hourFiguresGiveWhatTheVisitsRowsGiveAndFollowEveryChange() {
        Instant start = Instant.parse("2026-11-10T00:00:00Z");
        Instant now = start.plus(Duration.ofDays(5));
        java.util.Random random = new java.util.Random(14);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int wait = i % 9 == 0 ? -1 : i % 13 == 0 ? -2 : random.nextInt(1500); // no-shows, never admitted
            ids.add(visit(hourly, endpoint, "Location/x", "dr.h", start.plusSeconds(random.nextInt(3 * 86_400)), now,
                    wait, 60 + random.nextInt(3000)));
        }
        inTransaction(em -> {
            for (int i = 0; i < 20; i++) {
                qualityOf(em, hourly, ids.get(i), "p", 10 + i, 40.0 * (10 + i), 5, 25, 5, 2.5, 4, 100);
            }
            return null;
        });
        // a range of local days (UTC+1): its ends are parts of hours, read from the visits' rows
        ReportFilter range = ReportFilter.of(hourly, start.minusSeconds(3600), start.plus(Duration.ofDays(3)));
        ReportFilter exactly = new ReportFilter(hourly, range.from(), range.to(), endpoint, null, null, null, null);
        ReportTotals exact = read(r -> r.exactTotals(range));
        assertThat(exact.visits()).isEqualTo(60);
        assertThat(this.<ReportTotals>read(r -> r.totals(range))).as("every hour marked: the exact figures")
                .isEqualTo(exact);

        makeMarkedHours();
        assertThat(this.<List<org.openvisit.report.domain.model.HourKey>>read(r -> r.markedHours(hourly, 10)))
                .isEmpty();
        assertThat(hourRows()).isGreaterThan(24);
        assertSameFigures(range, exactly, exact);

        // a stored hour's figures are what the report reads ...
        inTransaction(em -> em.createNativeQuery("UPDATE report_hour SET completed = completed + 100, visits = visits"
                + " + 100 WHERE organization_id = ?1").setParameter(1, hourly.toString()).executeUpdate());
        assertThat(this.<ReportTotals>read(r -> r.totals(range)).completed()).isGreaterThan(exact.completed() + 99);
        // ... and a rebuild makes them again from the visits' rows
        inTransaction(em -> {
            new JpaVisitSummaryRepository(em).markAllHours(hourly, now);
            return null;
        });
        makeMarkedHours();
        assertSameFigures(range, exactly, exact);

        // a new visit marks its hour: read from the visits' rows until the hour is made again, then from the hour
        visit(hourly, endpoint, "Location/x", "dr.h", start.plusSeconds(7200 + 60), now, 30, 600);
        ReportTotals more = read(r -> r.exactTotals(range));
        assertThat(more.visits()).isEqualTo(61);
        assertThat(this.<ReportTotals>read(r -> r.totals(range)).visits()).isEqualTo(61);
        assertSameFigures(range, exactly, more);
        makeMarkedHours();
        assertSameFigures(range, exactly, more);

        // a visit that changes hour and status: both hours marked by the change, both made again
        UUID moved = ids.get(30);
        inTransaction(em -> {
            VisitSummary s = em.find(VisitSummary.class, moved.toString());
            Instant was = s.reportAt();
            em.createNativeQuery("UPDATE visit_summary SET report_at = ?1, status = 'CANCELLED' WHERE visit_id = ?2")
                    .setParameter(1, java.time.OffsetDateTime.ofInstant(start.plusSeconds(86_400 + 1800),
                            java.time.ZoneOffset.UTC)).setParameter(2, moved.toString()).executeUpdate();
            new JpaVisitSummaryRepository(em).markHours(hourly, List.of(was, start.plusSeconds(86_400 + 1800)), now);
            return null;
        });
        ReportTotals changed = read(r -> r.exactTotals(range));
        assertThat(changed.cancelled()).isEqualTo(more.cancelled() + 1);
        assertSameFigures(range, exactly, changed);
        makeMarkedHours();
        assertSameFigures(range, exactly, changed);
    }

    /** The cards, charts and count of a range alone against the same with a filter that keeps every visit (exact). */
    private void assertSameFigures(ReportFilter range, ReportFilter exactly, ReportTotals exact) {
        ReportTotals t = read(r -> r.totals(range));
        assertThat(t.visits()).isEqualTo(exact.visits());
        assertThat(t.completed()).isEqualTo(exact.completed());
        assertThat(t.noShows()).isEqualTo(exact.noShows());
        assertThat(t.endedWithoutPatient()).isEqualTo(exact.endedWithoutPatient());
        assertThat(t.open()).isEqualTo(exact.open());
        assertThat(t.cancelled()).isEqualTo(exact.cancelled());
        assertThat(t.smsSent()).isEqualTo(exact.smsSent());
        assertThat(t.qualityMeasured()).isEqualTo(exact.qualityMeasured());
        assertThat(t.poorQuality()).isEqualTo(exact.poorQuality());
        // within a histogram bucket: 30 s for values under 30 min, 1 min under 1 h (SecondsHistogram)
        org.assertj.core.data.Offset<Double> bucket = org.assertj.core.data.Offset.offset(60.0);
        assertThat(t.medianDurationSeconds()).isCloseTo(exact.medianDurationSeconds(), bucket);
        assertThat(t.p90DurationSeconds()).isCloseTo(exact.p90DurationSeconds(), bucket);
        assertThat(t.medianLobbyWaitSeconds()).isCloseTo(exact.medianLobbyWaitSeconds(), bucket);
        assertThat(t.p90LobbyWaitSeconds()).isCloseTo(exact.p90LobbyWaitSeconds(), bucket);
        assertThat(t.medianTimeToAdmitSeconds()).isCloseTo(exact.medianTimeToAdmitSeconds(), bucket);
        assertThat(this.<Long>read(r -> r.count(range))).isEqualTo(exact.visits());
        assertThat(this.<Long>read(r -> r.count(exactly))).isEqualTo(exact.visits());
        assertThat(this.<Map<LobbyWaitBucket, Long>>read(r -> r.lobbyWaits(range)))
                .isEqualTo(read(r -> r.lobbyWaits(exactly)));
        assertThat(this.<List<TimeBucketCount>>read(r -> r.countsByTime(range, 3600)))
                .containsExactlyInAnyOrderElementsOf(read(r -> r.countsByTime(exactly, 3600)));
        assertThat(this.<List<TimeBucketCount>>read(r -> r.countsByTime(range, 86_400)))
                .containsExactlyInAnyOrderElementsOf(read(r -> r.countsByTime(exactly, 86_400)));
        List<org.openvisit.report.domain.model.QualitySums> quality = read(r -> r.qualityByTime(range, 3600));
        List<org.openvisit.report.domain.model.QualitySums> qualityExactly = read(r -> r.qualityByTime(exactly, 3600));
        assertThat(quality).hasSameSizeAs(qualityExactly).isNotEmpty();
        for (org.openvisit.report.domain.model.QualitySums q : qualityExactly) {
            assertThat(quality).anySatisfy(h -> {
                assertThat(h.start()).isEqualTo(q.start());
                assertThat(h.rttCount()).isEqualTo(q.rttCount());
                assertThat(h.rttSum()).isCloseTo(q.rttSum(), org.assertj.core.data.Offset.offset(1e-6));
                assertThat(h.fpsSum()).isCloseTo(q.fpsSum(), org.assertj.core.data.Offset.offset(1e-6));
            });
        }
    }

    private void makeMarkedHours() {
        inTransaction(em -> {
            JpaVisitSummaryRepository r = new JpaVisitSummaryRepository(em);
            r.markedHours(hourly, 10_000).forEach(h -> r.makeHour(h, Instant.now()));
            return null;
        });
    }

    private long hourRows() {
        return inTransaction(em -> ((Number) em.createNativeQuery(
                "SELECT COUNT(*) FROM report_hour WHERE organization_id = ?1").setParameter(1, hourly.toString())
                .getSingleResult()).longValue());
    }

    private void qualityOf(EntityManager em, UUID org, UUID visit, String attendee, long rttCount, double rttSum,
                           long jitterCount, double jitterSum, long lossCount, double lossSum, long fpsCount,
                           double fpsSum) {
        em.createNativeQuery("""
                INSERT INTO call_quality (id, visit_id, organization_id, attendee_id, attendee_role, samples,
                       rtt_count, rtt_sum, rtt_max, jitter_count, jitter_sum, jitter_max, loss_count, loss_sum, loss_max,
                       fps_count, fps_sum, fps_max, bitrate_count, bitrate_sum, bitrate_max, first_at, last_at, version)
                VALUES (?1, ?2, ?3, ?4, 'PATIENT', ?5, ?5, ?6, 0, ?7, ?8, 0, ?9, ?10, 0, ?11, ?12, 0, 0, 0, 0, ?13, ?13, 0)
                """)
                .setParameter(1, UUID.randomUUID().toString()).setParameter(2, visit.toString())
                .setParameter(3, org.toString()).setParameter(4, attendee).setParameter(5, rttCount)
                .setParameter(6, rttSum).setParameter(7, jitterCount).setParameter(8, jitterSum)
                .setParameter(9, lossCount).setParameter(10, lossSum).setParameter(11, fpsCount)
                .setParameter(12, fpsSum).setParameter(13, java.sql.Timestamp.from(T0)).executeUpdate();
    }
}
