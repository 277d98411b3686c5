package org.openvisit.notify.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
import org.openvisit.notify.domain.model.FeedSource;
import org.openvisit.notify.domain.model.FhirFeedFailure;
import org.openvisit.notify.domain.model.SmsFhirFeed;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.EhrVendor;
import org.openvisit.tenant.domain.model.EndpointDetails;
import org.openvisit.tenant.domain.model.FhirBaseUrl;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.tenant.domain.model.Organization;
import org.openvisit.tenant.domain.model.OrganizationName;
import org.openvisit.tenant.domain.model.OutboundAddressPolicy;
import org.openvisit.tenant.domain.model.PortalUsername;
import org.openvisit.tenant.domain.model.Role;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FHIR feed's state table (global V37) and its repository against a real database; subclasses name H2 or
 * PostgreSQL: the source and settings kept, due polls claimed per region with SKIP LOCKED (two claimers at once never
 * take the same poll), a run's lease, the cursor moved only when a run finishes, failures kept in words.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmsFhirFeedRepositoryContract {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private MigratedDatabase database;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void open() {
        database = MigratedDatabase.open(createDatabase());
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = database.factory().createEntityManager();
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

    private record Endpoint(UUID organization, UUID endpoint) {
    }

    /** An organization in {@code region} with one endpoint switched to FHIR polling (due at {@code T0}). */
    private Endpoint polled(DataRegion region) {
        return inTransaction(em -> {
            Organization o = Organization.register(new OrganizationName("FHIR feed " + UUID.randomUUID()), region,
                    EhrVendor.EPIC, T0);
            em.persist(o);
            em.flush();
            Actor admin = Actor.member("it.admin", o.id(), Role.ORG_ADMIN);
            FhirEndpoint e = FhirEndpoint.create(o.id(), new EndpointDetails(FhirBaseUrl.of("https://ehr-"
                    + UUID.randomUUID() + ".example.org/fhir", OutboundAddressPolicy.PRODUCTION), FhirEnvironment.TEST,
                    "Clinic", new PortalUsername("ehr.analyst")), admin, T0);
            em.persist(e);
            em.flush();
            SmsFhirFeed feed = new SmsFhirFeed(o.id(), e.id(), "it.admin", T0);
            feed.choose(FeedSource.FHIR_POLLING, 5, 14, "it.admin", T0);
            new JpaSmsFhirFeedRepository(em).add(feed);
            return new Endpoint(o.id(), e.id());
        });
    }

    private SmsFhirFeed read(UUID endpoint) {
        return inTransaction(em -> new JpaSmsFhirFeedRepository(em).find(endpoint).orElseThrow());
    }

    private List<UUID> claim(DataRegion region, String run, Instant now) {
        return inTransaction(em -> new JpaSmsFhirFeedRepository(em).claimDue(region, run, now, LEASE, 1000));
    }

    @Test
    void aPollIsClaimedInItsRegionOnlyOnceUntilItsLeaseRunsOut() {
        Endpoint apac = polled(DataRegion.APAC);
        Endpoint emea = polled(DataRegion.EMEA);
        Instant now = T0.plusSeconds(1);

        List<UUID> claimed = claim(DataRegion.APAC, "node-a/1", now);
        assertThat(claimed).contains(apac.endpoint()).doesNotContain(emea.endpoint());
        assertThat(claim(DataRegion.APAC, "node-b/1", now.plusSeconds(1))).doesNotContain(apac.endpoint());
        SmsFhirFeed held = read(apac.endpoint());
        assertThat(held.claimedBy()).contains("node-a/1");
        assertThat(held.heldBy("node-a/1", now)).isTrue();

        // node a died: once its lease runs out, another node takes the poll and node a's reports are refused
        Instant later = now.plus(LEASE).plusSeconds(1);
        assertThat(claim(DataRegion.APAC, "node-b/2", later)).contains(apac.endpoint());
        boolean stale = inTransaction(em -> new JpaSmsFhirFeedRepository(em).find(apac.endpoint()).orElseThrow()
                .pageStored("node-a/1", later, 3, Map.of(), later, LEASE));
        assertThat(stale).isFalse();
        assertThat(read(apac.endpoint()).lastFed()).isZero();
    }

    @Test
    void theCursorMovesOnlyWhenTheRunFinishesAndAFailureKeepsItWithTheReason() {
        Endpoint e = polled(DataRegion.AMERICAS);
        Instant now = T0.plusSeconds(2);
        assertThat(claim(DataRegion.AMERICAS, "run-1", now)).contains(e.endpoint());
        Instant high1 = T0.minusSeconds(30);
        Instant high2 = T0.minusSeconds(60);
        inTransaction(em -> new JpaSmsFhirFeedRepository(em).find(e.endpoint()).orElseThrow()
                .pageStored("run-1", high1, 2, Map.of("NO_MOBILE", 1), now, LEASE));
        inTransaction(em -> new JpaSmsFhirFeedRepository(em).find(e.endpoint()).orElseThrow()
                .pageStored("run-1", high2, 1, Map.of("NO_MOBILE", 1, "INVALID_NUMBER", 1), now, LEASE));
        SmsFhirFeed midRun = read(e.endpoint());
        assertThat(midRun.cursor()).as("not moved before the run's last page").isEmpty();
        assertThat(midRun.runPages()).isEqualTo(2);
        assertThat(midRun.lastFed()).isEqualTo(3);
        assertThat(midRun.lastSkipped()).isEqualTo(3);
        assertThat(midRun.lastSkipReasons()).containsEntry("NO_MOBILE", 2).containsEntry("INVALID_NUMBER", 1);

        Boolean finished = inTransaction(em -> new JpaSmsFhirFeedRepository(em).find(e.endpoint()).orElseThrow()
                .finished("run-1", true, now));
        assertThat(finished).isTrue();
        SmsFhirFeed done = read(e.endpoint());
        assertThat(done.cursor()).contains(high1);
        assertThat(done.nextPollAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
        assertThat(done.claimedBy()).isEmpty();
        assertThat(claim(DataRegion.AMERICAS, "run-2", now.plusSeconds(10))).doesNotContain(e.endpoint());

        // the next run fails: the cursor stays, the reason is kept, the next try waits
        Instant due = now.plus(Duration.ofMinutes(5));
        assertThat(claim(DataRegion.AMERICAS, "run-2", due)).contains(e.endpoint());
        inTransaction(em -> new JpaSmsFhirFeedRepository(em).find(e.endpoint()).orElseThrow()
                .pageStored("run-2", T0.plusSeconds(100), 1, Map.of(), due, LEASE));
        inTransaction(em -> new JpaSmsFhirFeedRepository(em).find(e.endpoint()).orElseThrow()
                .failed("run-2", FhirFeedFailure.UNAUTHORIZED, "The EHR answered 401.", due, due.plusSeconds(120)));
        SmsFhirFeed failed = read(e.endpoint());
        assertThat(failed.cursor()).contains(high1);
        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.failureKind()).contains(FhirFeedFailure.UNAUTHORIZED);
        assertThat(failed.failureReason()).contains("The EHR answered 401.");
        assertThat(failed.nextPollAt()).isEqualTo(due.plusSeconds(120));
        assertThat(claim(DataRegion.AMERICAS, "run-3", due.plusSeconds(60))).doesNotContain(e.endpoint());
    }

    @Test
    void anEndpointBackOnHl7v2IsNotPolledAndSettingsAreChecked() {
        Endpoint e = polled(DataRegion.AMERICAS);
        inTransaction(em -> {
            new JpaSmsFhirFeedRepository(em).find(e.endpoint()).orElseThrow()
                    .choose(FeedSource.HL7V2, null, null, "it.admin", T0);
            return null;
        });
        assertThat(claim(DataRegion.AMERICAS, "run-x", T0.plusSeconds(5))).doesNotContain(e.endpoint());
        List<SmsFhirFeed> ofOrganization = inTransaction(em -> new JpaSmsFhirFeedRepository(em)
                .ofOrganization(e.organization()));
        assertThat(ofOrganization).extracting(SmsFhirFeed::source).containsExactly(FeedSource.HL7V2);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(e.endpoint())
                        .choose(FeedSource.FHIR_POLLING, 0, 14, "x", T0))
                .isInstanceOf(org.openvisit.shared.domain.model.InvalidValueException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(e.endpoint())
                        .choose(FeedSource.FHIR_POLLING, 5, 91, "x", T0))
                .isInstanceOf(org.openvisit.shared.domain.model.InvalidValueException.class);
    }

    @Test
    void twoNodesClaimingAtOnceNeverTakeTheSamePoll() throws Exception {
        List<UUID> mine = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            mine.add(polled(DataRegion.EMEA).endpoint());
        }
        Instant now = T0.plusSeconds(3);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<UUID>>> runs = new ArrayList<>();
            for (String node : List.of("node-a/9", "node-b/9")) {
                runs.add(pool.submit(() -> {
                    start.await();
                    List<UUID> taken = new ArrayList<>();
                    for (int k = 0; k < 6; k++) {
                        taken.addAll(inTransaction(em -> new JpaSmsFhirFeedRepository(em)
                                .claimDue(DataRegion.EMEA, node, now, LEASE, 2)));
                    }
                    return taken;
                }));
            }
            start.countDown();
            List<UUID> a = runs.get(0).get(60, TimeUnit.SECONDS);
            List<UUID> b = runs.get(1).get(60, TimeUnit.SECONDS);
            List<UUID> all = new ArrayList<>(a);
            all.addAll(b);
            // rows the other node held are skipped, not waited for, so a few may still be due after the race: a
            // third node takes them now. No poll is ever taken twice, and none is left behind.
            for (int k = 0; k < mine.size(); k++) {
                List<UUID> rest = inTransaction(em -> new JpaSmsFhirFeedRepository(em)
                        .claimDue(DataRegion.EMEA, "node-c/9", now, LEASE, 2));
                if (rest.isEmpty()) {
                    break;
                }
                all.addAll(rest);
            }
            assertThat(all).as("taken by node a, node b, then node c").doesNotHaveDuplicates().containsAll(mine);
        } finally {
            pool.shutdownNow();
        }
    }
}
