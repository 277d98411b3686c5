package org.openvisit.audit.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditFilter;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.audit.domain.model.AuditRecord;
import org.openvisit.audit.domain.model.AuditSort;
import org.openvisit.audit.domain.model.ForwardState;
import org.openvisit.audit.domain.model.InstallationAuditRecord;
import org.openvisit.audit.domain.model.OrganizationAuditRecord;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail against a real database (subclasses name H2 or PostgreSQL): searched and paged in the database by
 * organization, period, kind, actor and outcome; the forwarding outbox's claims; the retention's deletions; and the
 * installation's own trail in its table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditTrailRepositoryContract {

    private static final Instant T0 = Instant.parse("2027-01-10T08:00:00Z");
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER_ORG = UUID.randomUUID();
    private static final UUID ENDPOINT = UUID.randomUUID();

    private MigratedDatabase database;
    private EntityManagerFactory factory;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void empty() {
        inTransaction(em -> em.createNativeQuery("DELETE FROM audit_event").executeUpdate()
                + em.createNativeQuery("DELETE FROM installation_audit_event").executeUpdate());
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = factory.createEntityManager();
        try {
            em.getTransaction().begin();
            T result = work.apply(em);
            em.getTransaction().commit();
            return result;
        } finally {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            em.close();
        }
    }

    private UUID add(UUID organization, int minute, AuditFact fact, boolean forward) {
        UUID id = DataRegion.EMEA.newRecordId();
        inTransaction(em -> {
            new JpaOrganizationAuditRepository(em, DataRegion.EMEA).add(OrganizationAuditRecord.of(id,
                    T0.plus(Duration.ofMinutes(minute)), fact.withOrganization(organization), forward));
            return null;
        });
        return id;
    }

    private List<OrganizationAuditRecord> search(AuditFilter filter, AuditSort sort, boolean ascending, int first, int max) {
        return inTransaction(em -> new JpaOrganizationAuditRepository(em).search(filter, sort, ascending, first, max));
    }

    private long count(AuditFilter filter) {
        return inTransaction(em -> new JpaOrganizationAuditRepository(em).count(filter));
    }

    private static AuditFilter period(UUID organization) {
        return new AuditFilter(organization, T0, T0.plus(Duration.ofDays(1)), Set.of(), null, null);
    }

    private static AuditFact signIn(String username) {
        return AuditFact.of(AuditKind.SIGN_IN, AuditActor.portalUser(username)).withSourceAddress("192.0.2.7")
                .withDetail("portal");
    }

    @Test
    void storesEveryColumnAndReadsTheFactBack() {
        UUID visit = DataRegion.EMEA.newRecordId();
        AuditFact launched = AuditFact.of(AuditKind.LAUNCH, AuditActor.ehrUser("Practitioner/dr-1"))
                .withVisit(visit).withEndpoint(ENDPOINT).withDetail("provider launch");
        UUID id = add(ORG, 5, launched, true);

        OrganizationAuditRecord stored = search(period(ORG), AuditSort.RECORDED_AT, false, 0, 10).get(0);
        assertThat(stored.id()).isEqualTo(id);
        assertThat(stored.recordedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(stored.fact()).isEqualTo(launched.withOrganization(ORG));
        assertThat(stored.forwardState()).contains(ForwardState.PENDING);
        assertThat(stored.forwardAttempts()).isZero();
    }

    @Test
    void filtersByOrganizationPeriodKindActorAndOutcomeInTheDatabase() {
        add(ORG, 1, signIn("ada.admin"), false);
        add(ORG, 2, signIn("Ada.Admin").withOutcome(AuditOutcome.MINOR_FAILURE), false);
        add(ORG, 3, AuditFact.of(AuditKind.ENDPOINT_APPROVED, AuditActor.portalUser("eli.analyst"))
                .withEndpoint(ENDPOINT), false);
        add(ORG, 60 * 25, signIn("ada.admin"), false); // the next day
        add(OTHER_ORG, 4, signIn("ada.admin"), false);

        assertThat(count(period(ORG))).isEqualTo(3);
        assertThat(count(period(OTHER_ORG))).isEqualTo(1);
        assertThat(count(new AuditFilter(ORG, T0, T0.plus(Duration.ofDays(3)), Set.of(), null, null))).isEqualTo(4);
        assertThat(count(new AuditFilter(ORG, T0.plus(Duration.ofMinutes(2)), T0.plus(Duration.ofMinutes(3)),
                Set.of(), null, null))).as("from inclusive, to exclusive").isEqualTo(1);
        assertThat(count(new AuditFilter(ORG, T0, T0.plus(Duration.ofDays(1)), Set.of(AuditKind.SIGN_IN), null, null)))
                .isEqualTo(2);
        assertThat(count(new AuditFilter(ORG, T0, T0.plus(Duration.ofDays(1)),
                Set.of(AuditKind.SIGN_IN, AuditKind.ENDPOINT_APPROVED), null, null))).isEqualTo(3);
        assertThat(count(new AuditFilter(ORG, T0, T0.plus(Duration.ofDays(1)), Set.of(), "ADA.admin", null)))
                .as("the actor ignoring case").isEqualTo(2);
        assertThat(count(new AuditFilter(ORG, T0, T0.plus(Duration.ofDays(1)), Set.of(), "ada", null)))
                .as("a whole name, not a part of one").isZero();
        assertThat(count(new AuditFilter(ORG, T0, T0.plus(Duration.ofDays(1)), Set.of(), null,
                AuditOutcome.MINOR_FAILURE))).isEqualTo(1);
        assertThat(count(new AuditFilter(null, T0, T0.plus(Duration.ofDays(1)), Set.of(), null, null)))
                .as("no organization: the whole store").isEqualTo(4);
        // a value that looks like SQL is only a value
        assertThat(count(new AuditFilter(ORG, T0, T0.plus(Duration.ofDays(1)), Set.of(), "x' OR '1'='1", null)))
                .isZero();
    }

    @Test
    void pagesAndSortsInTheDatabaseWithoutOverlap() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(add(ORG, i, signIn("user-" + (char) ('g' - i)), false));
        }
        List<UUID> newestFirst = new ArrayList<>();
        for (int first = 0; first < 7; first += 3) {
            search(period(ORG), AuditSort.RECORDED_AT, false, first, 3).forEach(r -> newestFirst.add(r.id()));
        }
        List<UUID> expected = new ArrayList<>(ids);
        java.util.Collections.reverse(expected);
        assertThat(newestFirst).containsExactlyElementsOf(expected);

        assertThat(search(period(ORG), AuditSort.ACTOR, true, 0, 7)).extracting(r -> r.fact().actor().id())
                .containsExactly("user-a", "user-b", "user-c", "user-d", "user-e", "user-f", "user-g");
        add(ORG, 30, AuditFact.of(AuditKind.EXPORT, AuditActor.portalUser("zed")), false);
        assertThat(search(period(ORG), AuditSort.KIND, true, 0, 1)).extracting(r -> r.fact().kind())
                .containsExactly(AuditKind.EXPORT);
    }

    @Test
    void theForwardingOutboxHandsEachDueEventToOneSenderForItsLease() {
        UUID pending = add(ORG, 0, signIn("ada.admin"), true);
        add(ORG, 1, signIn("ada.admin"), false); // not asked
        UUID later = add(ORG, 60, signIn("ada.admin"), true);
        Instant now = T0.plus(Duration.ofMinutes(10));

        List<UUID> first = inTransaction(em -> new JpaOrganizationAuditRepository(em, DataRegion.EMEA)
                .claimForwards(now, Duration.ofMinutes(2), 10).stream().map(AuditRecord::id).toList());
        assertThat(first).containsExactly(pending);
        assertThat(claim(null, now.plusSeconds(60))).as("claimed meanwhile").isEmpty();
        assertThat(claim(null, now.plusSeconds(121))).as("its sender died: again").containsExactly(pending);
        // a region's sender leaves another region's rows (one database for several regions)
        assertThat(claim(DataRegion.APAC, now.plus(Duration.ofHours(2)))).isEmpty();

        inTransaction(em -> {
            new JpaOrganizationAuditRepository(em).find(pending).orElseThrow().forwarded();
            new JpaOrganizationAuditRepository(em).find(later).orElseThrow().forwardFailed("HTTP 503", null);
            return null;
        });
        assertThat(claim(null, now.plus(Duration.ofDays(1)))).isEmpty();
        OrganizationAuditRecord failed = inTransaction(em -> new JpaOrganizationAuditRepository(em).find(later)
                .orElseThrow());
        assertThat(failed.forwardState()).contains(ForwardState.FAILED);
        assertThat(failed.forwardError()).contains("HTTP 503");
        assertThat(failed.forwardAttempts()).isEqualTo(1);
    }

    private List<UUID> claim(DataRegion region, Instant now) {
        return inTransaction(em -> (region == null ? new JpaOrganizationAuditRepository(em)
                : new JpaOrganizationAuditRepository(em, region)).claimForwards(now, Duration.ofMinutes(2), 10)
                .stream().map(AuditRecord::id).toList());
    }

    @Test
    void retentionDeletesOnlyOlderEventsInBoundedBatchesPerOrganization() {
        for (int i = 0; i < 3; i++) {
            add(ORG, i, signIn("ada.admin"), false);
        }
        add(OTHER_ORG, 3, signIn("ada.admin"), false);
        UUID kept = add(ORG, 20, signIn("ada.admin"), false);

        Map<UUID, Integer> first = inTransaction(em -> new JpaOrganizationAuditRepository(em)
                .deleteBefore(T0.plus(Duration.ofMinutes(10)), 2));
        assertThat(first.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(2);
        Map<UUID, Integer> rest = inTransaction(em -> new JpaOrganizationAuditRepository(em)
                .deleteBefore(T0.plus(Duration.ofMinutes(10)), 500));
        Map<UUID, Integer> all = new java.util.HashMap<>(first);
        rest.forEach((o, n) -> all.merge(o, n, Integer::sum));
        assertThat(all).containsOnly(Map.entry(ORG, 3), Map.entry(OTHER_ORG, 1));
        assertThat(search(new AuditFilter(null, T0.minusSeconds(1), T0.plus(Duration.ofDays(1)), Set.of(), null, null),
                AuditSort.RECORDED_AT, true, 0, 10)).extracting(AuditRecord::id).containsExactly(kept);
    }

    @Test
    void theInstallationsTrailKeepsEventsOfNoOrganizationInItsOwnTable() {
        AuditFact operator = signIn("admin");
        AuditFact unknown = AuditFact.of(AuditKind.SIGN_IN, AuditActor.typedUsername("nobody.here"))
                .withOutcome(AuditOutcome.MINOR_FAILURE).withSourceAddress("198.51.100.2");
        inTransaction(em -> {
            JpaInstallationAuditRepository trail = new JpaInstallationAuditRepository(em);
            trail.add(InstallationAuditRecord.of(UUID.randomUUID(), T0, operator));
            trail.add(InstallationAuditRecord.of(UUID.randomUUID(), T0.plusSeconds(1), unknown));
            trail.add(InstallationAuditRecord.of(UUID.randomUUID(), T0.minus(Duration.ofDays(9)),
                    AuditFact.of(AuditKind.KEY_GENERATED, AuditActor.system()).withDetail("installation secret")));
            return null;
        });
        AuditFilter today = new AuditFilter(null, T0, T0.plus(Duration.ofDays(1)), Set.of(), null, null);
        List<AuditFact> facts = inTransaction(em -> new JpaInstallationAuditRepository(em).search(today,
                AuditSort.RECORDED_AT, true, 0, 10).stream().map(AuditRecord::fact).toList());
        assertThat(facts).containsExactly(operator, unknown);
        Map<UUID, Integer> deleted = inTransaction(em -> new JpaInstallationAuditRepository(em).deleteBefore(T0, 10));
        assertThat(deleted).hasSize(1).containsKey(null);
        assertThat(deleted.get(null)).isEqualTo(1);
        assertThat(count(period(ORG))).as("nothing of it in the regional table").isZero();
        long left = inTransaction(em -> new JpaInstallationAuditRepository(em).count(new AuditFilter(null,
                T0.minus(Duration.ofDays(30)), T0.plus(Duration.ofDays(1)), Set.of(), null, null)));
        assertThat(left).isEqualTo(2);
    }
}
