package org.openvisit.retention.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.launch.domain.model.LaunchAuditEntry;
import org.openvisit.launch.infrastructure.persistence.JpaLaunchAuditRepository;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.report.infrastructure.persistence.JpaVisitSummaryRepository;
import org.openvisit.retention.domain.model.RetentionRun;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.ParticipantRole;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.infrastructure.persistence.JpaCallQualityRepository;
import org.openvisit.visit.infrastructure.persistence.JpaVisitRepository;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.writeback.infrastructure.persistence.JpaDeliveryTaskRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retention purge's SQL against a real database (the same assertions on H2 and PostgreSQL): a visit past the
 * cutoff goes with every row recorded about it, in batches, per organization; newer visits and other organizations'
 * stay; launch audit rows likewise; the record of each purge reads back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetentionRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant CUTOFF = NOW.minus(Duration.ofDays(400));

    private MigratedDatabase database;
    private EntityManagerFactory factory;
    private final UUID endpoint = UUID.randomUUID();

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
    }

    @AfterAll
    void drop() {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aVisitPastTheCutoffGoesWithEverythingRecordedAboutIt() {
        UUID organization = UUID.randomUUID();
        UUID old = visit(organization, CUTOFF.minusSeconds(60));
        UUID recent = visit(organization, CUTOFF.plusSeconds(60));

        Map<UUID, Integer> deleted = inTransaction(em -> new JpaRetentionRepository(em)
                .deleteVisitsCreatedBefore(organization, CUTOFF, 100));

        assertThat(deleted).containsExactly(Map.entry(organization, 1));
        for (String table : List.of("visit_participant", "visit_event", "call_quality", "visit_summary",
                "writeback_task", "teams_attendance_watch", "teams_attendance_mark")) {
            assertThat(count(table, old)).as(table + " of the old visit").isZero();
            assertThat(count(table, recent)).as(table + " of the recent visit").isPositive();
        }
        assertThat(countVisit(old)).isZero();
        assertThat(countVisit(recent)).isOne();
    }

    @Test
    void deletesInBatchesAndOnlyTheNamedOrganizationWhenOneIsNamed() {
        UUID mine = UUID.randomUUID();
        UUID theirs = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            visit(mine, CUTOFF.minus(Duration.ofDays(i + 1)));
        }
        UUID theirOld = visit(theirs, CUTOFF.minus(Duration.ofDays(1)));

        assertThat(this.<Map<UUID, Integer>>inTransaction(em -> new JpaRetentionRepository(em).deleteVisitsCreatedBefore(mine, CUTOFF, 2)))
                .containsExactly(Map.entry(mine, 2));
        assertThat(this.<Map<UUID, Integer>>inTransaction(em -> new JpaRetentionRepository(em).deleteVisitsCreatedBefore(mine, CUTOFF, 2)))
                .containsExactly(Map.entry(mine, 1));
        assertThat(this.<Map<UUID, Integer>>inTransaction(em -> new JpaRetentionRepository(em).deleteVisitsCreatedBefore(mine, CUTOFF, 2)))
                .isEmpty();
        assertThat(countVisit(theirOld)).as("another organization's visit").isOne();

        Map<UUID, Integer> everyone = inTransaction(em -> new JpaRetentionRepository(em)
                .deleteVisitsCreatedBefore(null, CUTOFF, 500));
        assertThat(everyone).containsEntry(theirs, 1).doesNotContainKey(mine);
    }

    @Test
    void launchAuditPastTheCutoffGoesIncludingRefusalsOfNoOrganization() {
        UUID organization = UUID.randomUUID();
        inTransaction(em -> {
            JpaLaunchAuditRepository audit = new JpaLaunchAuditRepository(em);
            audit.add(LaunchAuditEntry.refused(CUTOFF.minusSeconds(1), "https://ehr.example.org", endpoint,
                    organization, "dr.a", "SCOPE", "test"));
            audit.add(LaunchAuditEntry.refused(CUTOFF.minusSeconds(1), "https://unknown.example.org", null, null,
                    null, "UNKNOWN_ISSUER", "test"));
            audit.add(LaunchAuditEntry.refused(CUTOFF.plusSeconds(1), "https://ehr.example.org", endpoint,
                    organization, "dr.a", "SCOPE", "test"));
            return null;
        });

        Map<UUID, Integer> deleted = inTransaction(em -> new JpaRetentionRepository(em)
                .deleteLaunchAuditBefore(null, CUTOFF, 500));

        assertThat(deleted).containsEntry(organization, 1).containsKey(null);
        assertThat(this.<List<LaunchAuditEntry>>inTransaction(em -> new JpaLaunchAuditRepository(em).ofOrganization(organization, 0, 10)))
                .extracting(LaunchAuditEntry::occurredAt).containsExactly(CUTOFF.plusSeconds(1));
    }

    @Test
    void theRecordOfEachPurgeReadsBack() {
        UUID organization = UUID.randomUUID();
        RetentionRun earlier = new RetentionRun(organization, NOW.minusSeconds(3600), CUTOFF, CUTOFF, 4, 0);
        RetentionRun latest = new RetentionRun(organization, NOW, CUTOFF, CUTOFF.minusSeconds(5), 2, 7);
        inTransaction(em -> {
            JpaRetentionRepository runs = new JpaRetentionRepository(em);
            runs.add(earlier);
            runs.add(latest);
            runs.add(new RetentionRun(null, NOW.plusSeconds(1), CUTOFF, CUTOFF, 0, 3));
            return null;
        });

        assertThat(this.<java.util.Optional<RetentionRun>>inTransaction(em -> new JpaRetentionRepository(em).latest(organization))).contains(latest);
        assertThat(this.<java.util.Optional<RetentionRun>>inTransaction(em -> new JpaRetentionRepository(em).latest(UUID.randomUUID()))).isEmpty();
        assertThat(this.<List<RetentionRun>>inTransaction(em -> new JpaRetentionRepository(em).recent(2)))
                .extracting(RetentionRun::ranAt).containsExactly(NOW.plusSeconds(1), NOW);
    }

    /** A visit created at {@code createdAt} with a participant, two events, call quality, a summary and a task. */
    private UUID visit(UUID organization, Instant createdAt) {
        return inTransaction(em -> {
            JpaVisitRepository visits = new JpaVisitRepository(em);
            Visit v = Visit.schedule(endpoint, organization, DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, hash(),
                    null, createdAt);
            visits.add(v);
            visits.addParticipant(v.participant("dr.a", ParticipantRole.PROVIDER, createdAt));
            VisitEvent first = v.recordEvent(VisitEventType.CONNECTED, AttendeeRole.PROVIDER, "c", null, createdAt);
            visits.addEvent(first);
            visits.addEvent(v.recordEvent(VisitEventType.LEFT, AttendeeRole.PROVIDER, "c", null,
                    createdAt.plusSeconds(60)));
            new JpaCallQualityRepository(em).add(CallQuality.start(v, "c", AttendeeRole.PROVIDER,
                    new QualitySample(40.0, 2.0, 0.1, 30.0, 900.0), createdAt));
            VisitSummary summary = VisitSummary.of(v);
            summary.refresh(v, List.of(), List.of(), Duration.ofMinutes(15), createdAt);
            new JpaVisitSummaryRepository(em).add(summary);
            var teams = new org.openvisit.visit.infrastructure.persistence.JpaTeamsAttendanceRepository(em);
            teams.add(org.openvisit.visit.domain.model.TeamsAttendanceWatch.of(v, "organizer", "MSo1", createdAt,
                    createdAt));
            teams.mark(new org.openvisit.visit.domain.model.TeamsAttendanceMark("0".repeat(48)
                    + Long.toHexString(0x1000_0000_0000_0000L | (v.id().getLeastSignificantBits() >>> 4)), v.id(),
                    organization, createdAt));
            new JpaDeliveryTaskRepository(em).add(DeliveryTask.forEvent(first.id(), v.id(),
                    endpoint, organization, first.sequence(), first.type(), AttendeeRole.PROVIDER, createdAt, null,
                    createdAt));
            return v.id();
        });
    }

    private long count(String table, UUID visit) {
        return inTransaction(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table
                + " WHERE visit_id = ?1").setParameter(1, visit.toString()).getSingleResult()).longValue());
    }

    private long countVisit(UUID visit) {
        return inTransaction(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM visit WHERE id = ?1")
                .setParameter(1, visit.toString()).getSingleResult()).longValue());
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
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
}
