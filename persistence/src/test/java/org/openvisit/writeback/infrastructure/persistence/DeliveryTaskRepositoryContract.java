package org.openvisit.writeback.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openvisit.database.MigratedDatabase;
import org.openvisit.database.TestDatabase;
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
import org.openvisit.tenant.infrastructure.persistence.JpaFhirEndpointRepository;
import org.openvisit.tenant.infrastructure.persistence.JpaOrganizationRepository;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.infrastructure.persistence.JpaVisitRepository;
import org.openvisit.shared.domain.model.InvalidValueException;
import org.openvisit.writeback.domain.model.AttemptOutcome;
import org.openvisit.writeback.domain.model.DeliveredTasks;
import org.openvisit.writeback.domain.model.DeliveryStatus;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.writeback.domain.model.QueueCount;
import org.openvisit.writeback.domain.model.WriteBackAdapter;
import org.openvisit.writeback.domain.model.WriteBackEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The V8 migration and the outbox repositories against a real database: the claim (no double claims,
 * leases, order per visit, open circuits skipped), with several concurrent claimers. Subclasses name
 * the database; the same assertions run on H2 and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeliveryTaskRepositoryContract {

    private static final Instant T0 = Instant.parse("2026-11-23T10:15:30.123Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private MigratedDatabase database;
    private EntityManagerFactory factory;
    private EntityManager em;
    private JpaDeliveryTaskRepository tasks;
    private UUID organization;
    private UUID endpoint;

    protected abstract TestDatabase createDatabase();

    @BeforeAll
    void migrateAndOpen() {
        database = MigratedDatabase.open(createDatabase());
        factory = database.factory();
        organization = null;
        endpoint = newEndpoint();
    }

    private UUID newEndpoint() {
        EntityManager setup = factory.createEntityManager();
        Organization org = Organization.register(new OrganizationName("Hospital " + UUID.randomUUID()),
                DataRegion.AMERICAS, EhrVendor.EPIC, T0);
        Actor admin = Actor.member("it.admin", org.id(), Role.ORG_ADMIN);
        FhirEndpoint ep = FhirEndpoint.create(org.id(), new EndpointDetails(
                FhirBaseUrl.of("https://ehr-" + UUID.randomUUID() + ".example.org/FHIR/R4", OutboundAddressPolicy.PRODUCTION),
                FhirEnvironment.PRODUCTION, "Cardiology", new PortalUsername("ehr.analyst")), admin, T0);
        setup.getTransaction().begin();
        new JpaOrganizationRepository(setup).add(org);
        new JpaFhirEndpointRepository(setup).add(ep);
        setup.getTransaction().commit();
        setup.close();
        organization = org.id();
        return ep.id();
    }

    @AfterAll
    void closeAndDrop() {
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void openEntityManager() {
        em = factory.createEntityManager();
        tasks = new JpaDeliveryTaskRepository(em);
        // earlier tests' tasks must not be due for this one
        em.getTransaction().begin();
        em.createNativeQuery("UPDATE writeback_task SET status = 'DISCARDED' WHERE status <> 'DELIVERED'")
                .executeUpdate();
        em.getTransaction().commit();
    }

    @AfterEach
    void closeEntityManager() {
        if (em.getTransaction().isActive()) {
            em.getTransaction().rollback();
        }
        em.close();
    }

    private void inTransaction(Consumer<JpaDeliveryTaskRepository> work) {
        em.getTransaction().begin();
        work.accept(tasks);
        em.getTransaction().commit();
        em.clear();
    }

    private static AppointmentHash randomHash() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return new AppointmentHash(HexFormat.of().formatHex(b));
    }

    /** A visit of {@code endpointId} with {@code n} events and their delivery tasks, all committed. */
    private List<DeliveryTask> visitWithTasks(UUID endpointId, int n) {
        List<DeliveryTask> made = new ArrayList<>();
        em.getTransaction().begin();
        JpaVisitRepository visits = new JpaVisitRepository(em);
        Visit visit = Visit.schedule(endpointId, organization, org.openvisit.tenant.domain.model.DataRegion.AMERICAS, VisitKeyKind.APPOINTMENT, randomHash(), null, T0);
        visits.add(visit);
        for (int i = 0; i < n; i++) {
            VisitEvent e = visit.recordEvent(i == 0 ? VisitEventType.CONNECTED : VisitEventType.DISCONNECTED,
                    AttendeeRole.PATIENT, "a-" + i, null, T0.plusSeconds(i));
            visits.addEvent(e);
            DeliveryTask task = DeliveryTask.forEvent(e.id(), e.visitId(), e.endpointId(), e.organizationId(),
                    e.sequence(), e.type(), AttendeeRole.PATIENT, e.occurredAt(), "sealed-" + i, T0);
            tasks.previousForUpdate(e.visitId(), e.sequence()).ifPresent(task::queueBehind); // as the outbox does
            tasks.add(task);
            made.add(task);
        }
        em.getTransaction().commit();
        em.clear();
        return made;
    }

    private List<DeliveryTask> claim(String node, Instant now, int max, Set<UUID> skip) {
        em.getTransaction().begin();
        List<DeliveryTask> claimed = tasks.claimDue(node, now, LEASE, max, skip);
        em.getTransaction().commit();
        em.clear();
        return claimed;
    }

    /** As the relay records a delivery: done, and the visit's next event let through. */
    private void deliver(DeliveryTask t, String node, Instant at) {
        inTransaction(r -> deliverIn(r, t, node, at));
    }

    private static void deliverIn(JpaDeliveryTaskRepository r, DeliveryTask t, String node, Instant at) {
        DeliveryTask loaded = r.find(t.id()).orElseThrow();
        r.addAttempt(loaded.delivered(node, at, at));
        r.next(loaded).ifPresent(next -> next.letThrough(loaded));
    }

    /** The outbox's work for one more event of the visit, in the caller's open transaction of {@code on}. */
    private static DeliveryTask recordOneMore(EntityManager on, UUID visitId, Instant at) {
        JpaVisitRepository visits = new JpaVisitRepository(on);
        JpaDeliveryTaskRepository repo = new JpaDeliveryTaskRepository(on);
        Visit visit = visits.findForUpdate(visitId).orElseThrow();
        VisitEvent e = visit.recordEvent(VisitEventType.DISCONNECTED, AttendeeRole.PATIENT, "a-late", null, at);
        visits.addEvent(e);
        DeliveryTask task = DeliveryTask.forEvent(e.id(), e.visitId(), e.endpointId(), e.organizationId(),
                e.sequence(), e.type(), AttendeeRole.PATIENT, e.occurredAt(), "sealed-late", at);
        repo.previousForUpdate(e.visitId(), e.sequence()).ifPresent(task::queueBehind);
        repo.add(task);
        return task;
    }

    @Test
    void regionsInOneDatabaseClaimOnlyTheirOwnTasks() {
        // PostgreSQL without regional URLs: every regional store is this one table
        List<DeliveryTask> americas = visitWithTasks(endpoint, 1);
        em.getTransaction().begin();
        List<DeliveryTask> byEmea = new JpaDeliveryTaskRepository(em, org.openvisit.tenant.domain.model.DataRegion.EMEA)
                .claimDue("node-a", T0, LEASE, 10, Set.of());
        em.getTransaction().commit();
        em.clear();
        assertThat(byEmea).isEmpty();
        em.getTransaction().begin();
        List<DeliveryTask> byAmericas = new JpaDeliveryTaskRepository(em,
                org.openvisit.tenant.domain.model.DataRegion.AMERICAS).claimDue("node-a", T0, LEASE, 10, Set.of());
        em.getTransaction().commit();
        em.clear();
        assertThat(byAmericas).extracting(DeliveryTask::id).containsExactly(americas.get(0).id());
    }

    @Test
    void aTaskIsHeldBackBehindAnUndoneEventOfItsVisitAndLetThroughWhenThatOneIsDelivered() {
        List<DeliveryTask> visit = visitWithTasks(endpoint, 2);
        assertThat(tasks.find(visit.get(0).id()).orElseThrow().isHeldBack()).isFalse();
        assertThat(tasks.find(visit.get(1).id()).orElseThrow().isHeldBack()).isTrue();

        deliver(claim("node-a", T0, 10, Set.of()).get(0), "node-a", T0);
        assertThat(tasks.find(visit.get(1).id()).orElseThrow().isHeldBack()).isFalse();
        deliver(claim("node-a", T0, 10, Set.of()).get(0), "node-a", T0);

        // an event recorded once all earlier ones are done is not held back
        em.getTransaction().begin();
        DeliveryTask late = recordOneMore(em, visit.get(0).visitId(), T0.plusSeconds(9));
        em.getTransaction().commit();
        em.clear();
        assertThat(tasks.find(late.id()).orElseThrow().isHeldBack()).isFalse();
        assertThat(claim("node-b", T0.plusSeconds(9), 10, Set.of())).extracting(DeliveryTask::id)
                .containsExactly(late.id());
    }

    /** Two transactions at once: the relay's and the outbox's, each with its own EntityManager; one waits on another thread. */
    private interface Race {
        DeliveryTask run(EntityManager relay, EntityManager outbox, ExecutorService other) throws Exception;
    }

    /** Runs the race on a visit whose only task node-a holds, then checks the task it made was let through. */
    private void race(Race race) throws Exception {
        EntityManager relay = factory.createEntityManager();
        EntityManager outbox = factory.createEntityManager();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            DeliveryTask second = race.run(relay, outbox, other);
            assertThat(tasks.find(second.id()).orElseThrow().isHeldBack()).isFalse();
            assertThat(claim("node-b", T0.plusSeconds(2), 10, Set.of())).extracting(DeliveryTask::id)
                    .containsExactly(second.id());
        } finally {
            other.shutdownNow();
            relay.close();
            outbox.close();
        }
    }

    /** The relay records the delivery of {@code first} and lets the visit's next task through, as DeliveryQueue does. */
    private static boolean recordDelivered(EntityManager relay, DeliveryTask first) {
        JpaDeliveryTaskRepository r = new JpaDeliveryTaskRepository(relay);
        DeliveryTask loaded = r.find(first.id()).orElseThrow();
        r.addAttempt(loaded.delivered("node-a", T0, T0));
        return r.next(loaded).map(n -> n.letThrough(loaded)).orElse(false);
    }

    @Test
    void anOutcomeCommittedWhileTheOutboxWaitsForThePreviousRowLetsTheNewTaskGo() throws Exception {
        DeliveryTask first = visitWithTasks(endpoint, 1).get(0);
        claim("node-a", T0, 10, Set.of());
        race((relay, outbox, other) -> {
            relay.getTransaction().begin();
            assertThat(recordDelivered(relay, first)).isFalse(); // the delivered row is written (and locked) now
            Future<DeliveryTask> made = other.submit(() -> {
                outbox.getTransaction().begin();
                DeliveryTask t = recordOneMore(outbox, first.visitId(), T0.plusSeconds(1)); // waits for the relay
                outbox.getTransaction().commit();
                return t;
            });
            Thread.sleep(300);
            relay.getTransaction().commit();
            return made.get(30, TimeUnit.SECONDS);
        });
    }

    @Test
    void aTaskQueuedWhileItsPreviousOneIsBeingRecordedAsDeliveredIsLetThrough() throws Exception {
        DeliveryTask first = visitWithTasks(endpoint, 1).get(0);
        claim("node-a", T0, 10, Set.of());
        race((relay, outbox, other) -> {
            outbox.getTransaction().begin();
            DeliveryTask second = recordOneMore(outbox, first.visitId(), T0.plusSeconds(1)); // locks the first row
            assertThat(second.isHeldBack()).isTrue();
            Future<Boolean> recorded = other.submit(() -> {
                relay.getTransaction().begin();
                boolean letThrough = recordDelivered(relay, first); // waits for the outbox
                relay.getTransaction().commit();
                return letThrough;
            });
            Thread.sleep(300);
            outbox.getTransaction().commit();
            assertThat(recorded.get(30, TimeUnit.SECONDS)).isTrue();
            return second;
        });
    }

    @Test
    void deliveriesRecordedTogetherRefuseOnlyTheTaskAnotherNodeTookOverAndClaimTheNextEventsForTheNode() {
        DeliveryTask lost = visitWithTasks(endpoint, 1).get(0);
        assertThat(claim("node-a", T0, 10, Set.of())).hasSize(1);
        List<DeliveryTask> a = visitWithTasks(endpoint, 2);
        DeliveryTask c = visitWithTasks(endpoint, 1).get(0);
        assertThat(claim("node-a", T0.plusSeconds(10), 10, Set.of())).hasSize(2);
        // node-a's first lease ran out (it was slow): node-b takes that task over
        assertThat(claim("node-b", T0.plus(LEASE), 10, Set.of())).extracting(DeliveryTask::id)
                .containsExactly(lost.id());
        Instant now = T0.plus(LEASE).plusSeconds(1);

        em.getTransaction().begin();
        List<DeliveredTasks.Outcome> outcomes = new DeliveredTasks(tasks).record("node-a", List.of(
                new DeliveredTasks.Finished(a.get(0).id(), T0, now),
                new DeliveredTasks.Finished(lost.id(), T0, now),
                new DeliveredTasks.Finished(c.id(), T0, now)), now, LEASE, true);
        em.getTransaction().commit();
        em.clear();

        assertThat(outcomes).extracting(DeliveredTasks.Outcome::taskId, DeliveredTasks.Outcome::recorded)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(a.get(0).id(), true),
                        org.assertj.core.groups.Tuple.tuple(lost.id(), false),
                        org.assertj.core.groups.Tuple.tuple(c.id(), true));
        DeliveryTask stillB = tasks.find(lost.id()).orElseThrow();
        assertThat(stillB.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(stillB.claimedBy()).contains("node-b");
        assertThat(tasks.attempts(lost.id())).isEmpty();
        for (DeliveryTask done : List.of(a.get(0), c)) {
            assertThat(tasks.find(done.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(tasks.attempts(done.id())).extracting(x -> x.outcome()).containsExactly(AttemptOutcome.DELIVERED);
        }
        // the visit's next event: let through and claimed for node-a in the same transaction
        assertThat(outcomes.get(0).next().id()).isEqualTo(a.get(1).id());
        DeliveryTask next = tasks.find(a.get(1).id()).orElseThrow();
        assertThat(next.isHeldBack()).isFalse();
        assertThat(next.status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(next.claimedBy()).contains("node-a");
        assertThat(outcomes.get(2).next()).isNull();
    }

    @Test
    void purgesDeliveredTasksOlderThanTheRetentionWithTheirHistoryAndKeepsEverythingElse() {
        Instant old = T0.minus(Duration.ofDays(40));
        List<DeliveryTask> oldVisit = visitWithTasks(endpoint, 2);
        deliver(claim("n", T0, 10, Set.of()).get(0), "n", old);
        deliver(claim("n", T0, 10, Set.of()).get(0), "n", old.plusSeconds(1));
        DeliveryTask recent = visitWithTasks(endpoint, 1).get(0);
        deliver(claim("n", T0, 10, Set.of()).get(0), "n", T0);
        DeliveryTask dead = visitWithTasks(endpoint, 1).get(0);
        UUID claimedDead = claim("n", T0, 10, Set.of()).get(0).id();
        inTransaction(r -> r.addAttempt(r.find(claimedDead).orElseThrow().fail("n", old, old, "The EHR refused it (400).")));
        DeliveryTask waiting = visitWithTasks(endpoint, 1).get(0);
        Instant before = T0.minus(Duration.ofDays(30));

        em.getTransaction().begin();
        assertThat(tasks.purgeDelivered(before, 1)).isEqualTo(1); // one batch at a time
        em.getTransaction().commit();
        em.getTransaction().begin();
        assertThat(tasks.purgeDelivered(before, 100)).isEqualTo(1);
        assertThat(tasks.purgeDelivered(before, 100)).isZero();
        em.getTransaction().commit();
        em.clear();

        for (DeliveryTask gone : oldVisit) {
            assertThat(tasks.find(gone.id())).isEmpty();
            assertThat(tasks.attempts(gone.id())).isEmpty();
        }
        assertThat(tasks.find(recent.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        assertThat(tasks.attempts(recent.id())).hasSize(1);
        assertThat(tasks.find(dead.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(tasks.attempts(dead.id())).hasSize(1);
        assertThat(tasks.find(waiting.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
    }

    @Test
    void listsDeliveredTasksPagedAndPerVisitAndKeepsTheLastDeliveryThroughTheRetention() {
        UUID quiet = newEndpoint();
        assertThat(tasks.lastDeliveredAt(quiet)).isEmpty();
        assertThat(tasks.countDeliveredOf(quiet, null)).isZero();

        Instant old = T0.minus(Duration.ofDays(40));
        List<DeliveryTask> first = visitWithTasks(quiet, 2);
        deliver(claim("n", T0, 10, Set.of()).get(0), "n", old);
        deliver(claim("n", T0, 10, Set.of()).get(0), "n", old.plusSeconds(5));
        List<DeliveryTask> second = visitWithTasks(quiet, 1);
        deliver(claim("n", T0, 10, Set.of()).get(0), "n", old.plusSeconds(9));
        visitWithTasks(quiet, 1); // waiting: not delivered

        assertThat(tasks.lastDeliveredAt(quiet)).contains(old.plusSeconds(9));
        assertThat(tasks.countDeliveredOf(quiet, null)).isEqualTo(3);
        assertThat(tasks.deliveredOf(quiet, null, 0, 2)).extracting(DeliveryTask::id)
                .containsExactly(second.get(0).id(), first.get(1).id());
        assertThat(tasks.deliveredOf(quiet, null, 2, 2)).extracting(DeliveryTask::id).containsExactly(first.get(0).id());
        assertThat(tasks.countDeliveredOf(quiet, first.get(0).visitId())).isEqualTo(2);
        assertThat(tasks.deliveredOf(quiet, first.get(0).visitId(), 0, 10)).extracting(DeliveryTask::id)
                .containsExactly(first.get(1).id(), first.get(0).id());

        em.getTransaction().begin();
        while (tasks.purgeDelivered(T0.minus(Duration.ofDays(30)), 100) > 0) {
            // every batch
        }
        em.getTransaction().commit();
        em.clear();
        // all three are past the retention, but the endpoint's latest delivery stays
        assertThat(tasks.countDeliveredOf(quiet, null)).isEqualTo(1);
        assertThat(tasks.lastDeliveredAt(quiet)).contains(old.plusSeconds(9));
    }

    @Test
    void storesOneTaskPerEventWithItsSealedReferences() {
        DeliveryTask t = visitWithTasks(endpoint, 1).get(0);
        DeliveryTask loaded = tasks.findByEvent(t.eventId()).orElseThrow();
        assertThat(loaded.id()).isEqualTo(t.id());
        assertThat(loaded.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(loaded.sealedEhrContext()).contains("sealed-0");
        assertThat(loaded.eventType()).isEqualTo(VisitEventType.CONNECTED);
        assertThat(loaded.occurredAt()).isEqualTo(T0);

        em.getTransaction().begin();
        assertThatThrownBy(() -> tasks.add(DeliveryTask.forEvent(t.eventId(), t.visitId(), t.endpointId(),
                t.organizationId(), 99, VisitEventType.LEFT, null, T0, null, T0)))
                .isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
        em.clear();
    }

    @Test
    void claimsOnlyTheHeadOfEachVisitAndTheNextOnceTheFirstIsDelivered() {
        List<DeliveryTask> visit = visitWithTasks(endpoint, 3);
        List<DeliveryTask> first = claim("node-a", T0, 10, Set.of());
        assertThat(first).extracting(DeliveryTask::id).containsExactly(visit.get(0).id());
        assertThat(first.get(0).status()).isEqualTo(DeliveryStatus.IN_FLIGHT);
        assertThat(claim("node-b", T0, 10, Set.of())).isEmpty();

        deliver(first.get(0), "node-a", T0.plusSeconds(1));
        List<DeliveryTask> second = claim("node-b", T0.plusSeconds(1), 10, Set.of());
        assertThat(second).extracting(DeliveryTask::id).containsExactly(visit.get(1).id());

        // a failed (dead-letter) task holds the rest of its visit back until it is retried or discarded
        inTransaction(r -> r.addAttempt(r.find(second.get(0).id()).orElseThrow()
                .fail("node-b", T0, T0.plusSeconds(2), "The EHR refused it (400).")));
        assertThat(claim("node-b", T0.plusSeconds(3), 10, Set.of())).isEmpty();
        inTransaction(r -> {
            DeliveryTask dead = r.find(second.get(0).id()).orElseThrow();
            r.addAttempt(dead.discard("ada.admin", T0.plusSeconds(4)));
            r.next(dead).ifPresent(next -> next.letThrough(dead));
        });
        assertThat(claim("node-b", T0.plusSeconds(5), 10, Set.of())).extracting(DeliveryTask::id)
                .containsExactly(visit.get(2).id());
        assertThat(tasks.attempts(second.get(0).id())).extracting(a -> a.outcome())
                .containsExactly(AttemptOutcome.FAILED, AttemptOutcome.DISCARDED);
        assertThat(tasks.hasUndone(visit.get(0).visitId())).isTrue();
    }

    @Test
    void aRetryWaitsForItsTimeAndAnExpiredLeaseIsTakenOver() {
        DeliveryTask t = visitWithTasks(endpoint, 1).get(0);
        claim("node-a", T0, 10, Set.of());
        assertThat(claim("node-b", T0.plus(LEASE).minusMillis(1), 10, Set.of())).isEmpty();
        List<DeliveryTask> takenOver = claim("node-b", T0.plus(LEASE), 10, Set.of());
        assertThat(takenOver).extracting(DeliveryTask::id).containsExactly(t.id());
        assertThat(takenOver.get(0).claimedBy()).contains("node-b");

        inTransaction(r -> r.addAttempt(r.find(t.id()).orElseThrow().retryLater("node-b", T0, T0.plus(LEASE),
                "The EHR did not answer within 10 seconds.", T0.plusSeconds(120))));
        assertThat(claim("node-a", T0.plusSeconds(119), 10, Set.of())).isEmpty();
        assertThat(claim("node-a", T0.plusSeconds(120), 10, Set.of())).hasSize(1);
        DeliveryTask loaded = tasks.find(t.id()).orElseThrow();
        assertThat(loaded.attempts()).isEqualTo(1);
        assertThat(loaded.lastError()).contains("The EHR did not answer within 10 seconds.");
    }

    @Test
    void leavesTheTasksOfEndpointsWhoseCircuitIsOpen() {
        UUID other = newEndpoint();
        DeliveryTask mine = visitWithTasks(endpoint, 1).get(0);
        DeliveryTask theirs = visitWithTasks(other, 1).get(0);
        assertThat(claim("n", T0, 10, Set.of(other))).extracting(DeliveryTask::id).containsExactly(mine.id());
        assertThat(claim("n", T0, 10, Set.of(endpoint))).extracting(DeliveryTask::id).containsExactly(theirs.id());
    }

    @Test
    void countsTheQueuePerEndpointAndStatus() {
        UUID ep = newEndpoint();
        List<DeliveryTask> a = visitWithTasks(ep, 2);
        visitWithTasks(ep, 1);
        List<DeliveryTask> claimed = claim("n", T0, 10, Set.of(endpoint));
        DeliveryTask one = claimed.stream().filter(t -> t.id().equals(a.get(0).id())).findFirst().orElseThrow();
        inTransaction(r -> r.addAttempt(r.find(one.id()).orElseThrow().retryLater("n", T0, T0, "busy (429)",
                T0.plusSeconds(60))));
        Set<DeliveryStatus> queue = EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.RETRYING,
                DeliveryStatus.IN_FLIGHT, DeliveryStatus.FAILED);
        assertThat(tasks.countQueueOf(ep, queue)).isEqualTo(3);
        assertThat(tasks.queueOf(ep, EnumSet.of(DeliveryStatus.RETRYING), 0, 10)).extracting(DeliveryTask::id)
                .containsExactly(one.id());
        assertThat(tasks.counts(queue).stream().filter(c -> c.endpointId().equals(ep)))
                .extracting(QueueCount::status, QueueCount::count)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(DeliveryStatus.PENDING, 1L),
                        org.assertj.core.groups.Tuple.tuple(DeliveryStatus.RETRYING, 1L),
                        org.assertj.core.groups.Tuple.tuple(DeliveryStatus.IN_FLIGHT, 1L));
    }

    @Test
    void concurrentClaimersNeverClaimOneTaskTwiceAndKeepEachVisitsOrder() throws Exception {
        int visitCount = 40;
        int perVisit = 3;
        List<DeliveryTask> all = new ArrayList<>();
        for (int i = 0; i < visitCount; i++) {
            all.addAll(visitWithTasks(endpoint, perVisit));
        }
        int claimers = 4;
        ConcurrentHashMap<UUID, String> claimedBy = new ConcurrentHashMap<>();
        List<String> doubles = Collections.synchronizedList(new ArrayList<>());
        List<String> outOfOrder = Collections.synchronizedList(new ArrayList<>());
        ConcurrentHashMap<UUID, Long> lastDelivered = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(claimers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < claimers; c++) {
            String node = "node-" + c;
            results.add(pool.submit(() -> {
                start.await();
                EntityManager mine = factory.createEntityManager();
                JpaDeliveryTaskRepository repo = new JpaDeliveryTaskRepository(mine);
                int got = 0;
                int idle = 0;
                try {
                    while (idle < 20) {
                        mine.getTransaction().begin();
                        List<DeliveryTask> batch = repo.claimDue(node, T0, LEASE, 5, Set.of());
                        mine.getTransaction().commit();
                        mine.clear();
                        if (batch.isEmpty()) {
                            idle++;
                            Thread.sleep(5);
                            continue;
                        }
                        idle = 0;
                        for (DeliveryTask t : batch) {
                            if (claimedBy.putIfAbsent(t.id(), node) != null) {
                                doubles.add(t.id() + " by " + node + " and " + claimedBy.get(t.id()));
                            }
                            Long before = lastDelivered.get(t.visitId());
                            if (t.sequence() != (before == null ? 1 : before + 1)) {
                                outOfOrder.add(t.visitId() + ": " + t.sequence() + " after " + before);
                            }
                            mine.getTransaction().begin();
                            deliverIn(repo, t, node, T0);
                            // noted before the commit makes it visible to the other claimers
                            lastDelivered.put(t.visitId(), t.sequence());
                            mine.getTransaction().commit();
                            mine.clear();
                            got++;
                        }
                    }
                } finally {
                    if (mine.getTransaction().isActive()) {
                        mine.getTransaction().rollback();
                    }
                    mine.close();
                }
                return got;
            }));
        }
        start.countDown();
        int total = 0;
        Set<Integer> perClaimer = new HashSet<>();
        for (Future<Integer> f : results) {
            int n = f.get(120, TimeUnit.SECONDS);
            total += n;
            perClaimer.add(n);
        }
        pool.shutdown();
        assertThat(doubles).isEmpty();
        assertThat(outOfOrder).isEmpty();
        assertThat(total).isEqualTo(visitCount * perVisit);
        assertThat(claimedBy.keySet()).containsAll(all.stream().map(DeliveryTask::id).toList());
        for (DeliveryTask t : all) {
            assertThat(tasks.find(t.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void keepsAnEndpointsWriteBackSettingsAndKeyOnce() {
        UUID ep = newEndpoint();
        JpaWriteBackEndpointRepository settings = new JpaWriteBackEndpointRepository(em);
        em.getTransaction().begin();
        WriteBackEndpoint w = new WriteBackEndpoint(ep, "kid-" + UUID.randomUUID(), "ES384", "{\"kty\":\"EC\"}",
                "sealed-private", T0);
        w.useClientId(" openvisit-backend-7 ");
        w.limitCalls(4);
        settings.add(w);
        em.getTransaction().commit();
        em.clear();

        WriteBackEndpoint loaded = settings.find(ep).orElseThrow();
        assertThat(loaded.adapter()).isEqualTo(WriteBackAdapter.FHIR);
        assertThat(loaded.clientId()).contains("openvisit-backend-7");
        assertThat(loaded.sealedPrivateKey()).isEqualTo("sealed-private");
        assertThat(loaded.callLimit()).hasValue(4);
        assertThatThrownBy(() -> loaded.limitCalls(0)).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("1 to 64");
        assertThatThrownBy(() -> loaded.limitCalls(65)).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> loaded.useClientId("x".repeat(256))).isInstanceOf(InvalidValueException.class);
        em.getTransaction().begin();
        em.merge(loaded).limitCalls(null);
        em.getTransaction().commit();
        em.clear();
        assertThat(settings.find(ep).orElseThrow().callLimit()).isEmpty();
        assertThat(settings.all()).extracting(WriteBackEndpoint::endpointId).contains(ep);

        em.getTransaction().begin();
        assertThatThrownBy(() -> settings.add(new WriteBackEndpoint(ep, "kid-" + UUID.randomUUID(), "RS384", "{}",
                "x", T0))).isInstanceOf(PersistenceException.class);
        em.getTransaction().rollback();
    }
}
