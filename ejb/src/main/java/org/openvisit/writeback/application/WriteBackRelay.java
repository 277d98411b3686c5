package org.openvisit.writeback.application;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.operations.application.ClusterMembership;
import org.openvisit.writeback.domain.model.QueueCount;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.openvisit.writeback.domain.model.DeliveredTasks.Finished;
import org.openvisit.writeback.domain.model.WriteBackAdapter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The relay, one on every node: every poll interval it claims due tasks in small batches (as many as it
 * has free delivery slots, leased so that a dead node's claims expire), hands each to the endpoint's
 * adapter on the managed executor, and records the outcome. Back-off with jitter between attempts;
 * {@code 429 Retry-After} honoured; a per-endpoint circuit breaker and a per-endpoint share of the slots
 * (smaller where the endpoint's organization limited the calls at once to its EHR)
 * so one dead or slow EHR does not starve the others. No transaction is held while an EHR is called.
 * <p>
 * It works every region's store in turn (issue 18), each claim, outcome and housekeeping step in a transaction of
 * that one store, and only stores whose migrations have run ({@link OpenVisitDatabase#readyRegions}); it starts after
 * the global store's migrations ({@code @DependsOn}), so it never reads a table that does not exist yet. A region
 * whose database is down is skipped until it answers again; the others go on.
 */
@Singleton
@Startup
@DependsOn("OpenVisitDatabase")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WriteBackRelay {

    private static final Logger LOG = Logger.getLogger(WriteBackRelay.class.getName());
    private static final Duration BUSY_RETRY = Duration.ofMillis(200);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);
    private static final Duration DEPTH_EVERY = Duration.ofSeconds(5);
    /** How often a node reads the circuits the other nodes opened (a small map in the grid). */
    private static final Duration CLUSTER_CIRCUITS_EVERY = Duration.ofSeconds(1);
    private static final Duration PURGE_EVERY = Duration.ofMinutes(10);
    private static final int PURGE_BATCH = 500;
    /** How long a region whose store failed is left alone before the relay tries it again. */
    private static final Duration REGION_PAUSE = Duration.ofSeconds(30);

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @Resource
    private ManagedExecutorService executor;

    @EJB
    private org.openvisit.region.application.RegionMoves regionMoves;

    @EJB
    private DeliveryQueue queue;

    @EJB
    private OpenVisitDatabase database;

    @Inject
    private WriteBackSettings settings;

    @Inject
    private WriteBackMetrics metrics;

    @Inject
    private ClusterMembership cluster;

    @Inject
    private SharedCircuits sharedCircuits;

    @Inject
    @Any
    private Instance<EhrWriteBack> adapterBeans;

    private final Clock clock = Clock.systemUTC();
    private final Map<DataRegion, Instant> lastRegionWarning = new ConcurrentHashMap<>();
    private final Map<DataRegion, Instant> regionPausedUntil = new ConcurrentHashMap<>();
    private int rotation;
    private final Map<WriteBackAdapter, EhrWriteBack> adapters = new EnumMap<>(WriteBackAdapter.class);
    private final Map<UUID, AtomicInteger> inFlightPerEndpoint = new ConcurrentHashMap<>();
    /** The organizations' own limits of calls at once per endpoint, as their prepared deliveries tell (0: none). */
    private final Map<UUID, Integer> callLimits = new ConcurrentHashMap<>();
    private final java.util.ArrayDeque<Held> local = new java.util.ArrayDeque<>();
    /** Signalled when a delivery finishes (a slot and an endpoint share are free again). */
    private final Object finished = new Object();
    private volatile boolean running;
    private volatile boolean paused;
    /** A tick is under way (ticks never overlap: only the ticking thread touches {@link #local}). */
    private final AtomicBoolean ticking = new AtomicBoolean();
    /** Something became due on this node since the running tick last claimed: claim again before resting. */
    private volatile boolean nudged;
    private Semaphore slots;
    private EndpointCircuitBreakers breakers;
    private Backoff backoff;
    private ScheduledFuture<?> polling;
    private volatile Instant lastForget = Instant.EPOCH;
    private volatile Instant lastDepth = Instant.EPOCH;
    private volatile Instant lastPurge = Instant.EPOCH;

    @PostConstruct
    void start() {
        for (EhrWriteBack adapter : adapterBeans) {
            adapters.put(adapter.kind(), adapter);
        }
        slots = new Semaphore(settings.parallelism());
        breakers = new EndpointCircuitBreakers(settings.circuitLimits(), new EndpointCircuitBreakers.CircuitNews() {
            @Override
            public void opened(UUID endpoint, Instant until) {
                tellCluster(() -> sharedCircuits.opened(endpoint, until));
            }

            @Override
            public void closed(UUID endpoint) {
                tellCluster(() -> sharedCircuits.closed(endpoint));
            }
        });
        backoff = settings.backoff();
        if (!settings.enabled()) {
            LOG.info("Write-back relay off (openvisit.writeback.enabled=false): tasks wait in the outbox.");
            return;
        }
        running = true;
        polling = scheduler.scheduleWithFixedDelay(this::tick, settings.pollInterval().toMillis(),
                settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(() -> "Write-back relay started on node " + settings.node() + ": up to " + settings.parallelism()
                + " deliveries at once (" + settings.perEndpointParallelism() + " per endpoint), lease "
                + settings.lease().toSeconds() + " s, adapters " + adapters.keySet());
    }

    @PreDestroy
    void stop() {
        running = false;
        if (polling != null) {
            polling.cancel(false);
        }
    }

    /** Pauses (claims nothing new; deliveries under way finish) or resumes this node's relay. */
    public void run(boolean on) {
        paused = !on;
        LOG.info(() -> "Write-back relay " + (on ? "resumed" : "paused") + " on node " + settings.node());
    }

    /**
     * A visit event was recorded on this node: claim now rather than at the next poll (the poll interval
     * then only bounds how late other nodes' events and retries that fall due are seen).
     */
    public void nudge() {
        nudged = true;
        if (running && !paused && !ticking.get()) {
            try {
                scheduler.execute(this::tick);
            } catch (RuntimeException rejected) {
                // the next poll claims it
            }
        }
    }

    /** The circuit state of an endpoint on this node (for the portal's health badge). */
    public EndpointCircuitBreakers.State circuit(UUID endpointId) {
        return breakers.state(endpointId, clock.instant());
    }

    /** A task this node claimed and holds until a delivery slot is free. */
    private record Held(ClaimedTask task, Instant claimedAt) {
    }

    private enum Dispatch { STARTED, GIVEN_BACK, LATER }

    /**
     * Runs while there is work: keeps a small local queue of claimed tasks topped up (one claim query
     * per batch, not per task) and starts deliveries as slots free up. Only this thread touches the
     * local queue; ticks never overlap (fixed delay).
     */
    void tick() {
        if (!ticking.compareAndSet(false, true)) {
            return; // a tick is under way: it claims again before it rests (nudged)
        }
        try {
            boolean lastClaimFull = true;
            Instant lastClaim = Instant.EPOCH;
            while (running && !paused) {
                housekeeping();
                Instant now = clock.instant();
                if (local.size() <= settings.batchSize() / 2
                        && (lastClaimFull || local.isEmpty() || now.isAfter(lastClaim.plus(settings.pollInterval())))) {
                    int want = settings.batchSize() - local.size();
                    nudged = false;
                    List<ClaimedTask> claimed = claim(want, skipped(now));
                    lastClaim = now;
                    lastClaimFull = claimed.size() == want;
                    claimed.forEach(t -> local.addLast(new Held(t, now)));
                    if (claimed.isEmpty() && local.isEmpty()) {
                        if (nudged) {
                            continue; // an event was recorded meanwhile
                        }
                        return; // nothing due: the next poll or nudge looks again
                    }
                }
                boolean started = false;
                for (int i = local.size(); i > 0 && slots.availablePermits() > 0; i--) {
                    Held held = local.pollFirst();
                    Dispatch d = dispatch(held, clock.instant());
                    if (d == Dispatch.LATER) {
                        local.addLast(held);
                    } else {
                        started |= d == Dispatch.STARTED;
                    }
                }
                if (!started || slots.availablePermits() == 0) {
                    // nothing could start (no free slot, or the endpoints' shares are taken): wait for a
                    // delivery to finish, at most 50 ms, instead of spinning
                    synchronized (finished) {
                        finished.wait(50);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The write-back relay could not claim tasks this time: " + e.getClass().getSimpleName()
                    + ": " + e.getMessage());
        } finally {
            if (!running || paused) {
                giveBackHeld();
            }
            ticking.set(false);
            if (nudged && running && !paused) {
                nudge(); // came while this tick was ending
            }
        }
    }

    /** Up to {@code want} due tasks from the ready regions' stores, starting with a different region each time. */
    private List<ClaimedTask> claim(int want, Set<UUID> skip) {
        List<DataRegion> ready = new java.util.ArrayList<>(workableRegions());
        if (ready.isEmpty()) {
            return List.of();
        }
        java.util.Collections.rotate(ready, rotation++ % ready.size());
        List<ClaimedTask> claimed = new java.util.ArrayList<>();
        for (DataRegion region : ready) {
            if (claimed.size() >= want) {
                break;
            }
            try {
                claimed.addAll(queue.claim(region, want - claimed.size(), skip));
            } catch (RuntimeException e) {
                regionFailed(region, "claim tasks", e);
            }
        }
        return claimed;
    }

    /** The ready regions that did not fail in the last {@link #REGION_PAUSE}: a region whose database is down rests. */
    private List<DataRegion> workableRegions() {
        Instant now = clock.instant();
        return database.readyRegions().stream()
                .filter(r -> !now.isBefore(regionPausedUntil.getOrDefault(r, Instant.EPOCH))).toList();
    }

    private void regionFailed(DataRegion region, String what, RuntimeException e) {
        Instant now = clock.instant();
        regionPausedUntil.put(region, now.plus(REGION_PAUSE));
        if (now.isAfter(lastRegionWarning.getOrDefault(region, Instant.EPOCH).plus(Duration.ofMinutes(1)))) {
            lastRegionWarning.put(region, now);
            LOG.log(Level.WARNING, "Write-back could not " + what + " in the " + region + " store now (its database "
                    + "is down?); the other regions go on: " + e.getClass().getSimpleName());
        }
    }

    /** How many deliveries to this endpoint may run at once on this node. */
    private int callsAtOnce(UUID endpointId) {
        return settings.callsAtOnce(callLimits.getOrDefault(endpointId, 0), cluster.nodes());
    }

    private void learnLimit(UUID endpointId, PreparedDelivery prepared) {
        if (prepared != null && prepared.problem() == null) {
            callLimits.put(endpointId, prepared.callLimit());
        }
    }

    /** Circuits this node opened because another node did, until that node's trial closes them. */
    private final Set<UUID> adoptedCircuits = ConcurrentHashMap.newKeySet();
    private volatile Instant lastClusterCircuits = Instant.EPOCH;

    /** Opens here what another node opened, and closes what was opened here only for that and is closed there. */
    private void adoptClusterCircuits(Instant now) {
        if (now.isBefore(lastClusterCircuits.plus(CLUSTER_CIRCUITS_EVERY))) {
            return;
        }
        lastClusterCircuits = now;
        Map<UUID, Instant> open;
        try {
            open = sharedCircuits.openNow(now);
        } catch (RuntimeException gridTrouble) {
            LOG.log(Level.FINE, "The cluster's circuits could not be read", gridTrouble);
            return;
        }
        open.forEach((endpoint, until) -> {
            if (breakers.state(endpoint, now) == EndpointCircuitBreakers.State.CLOSED) {
                adoptedCircuits.add(endpoint);
            }
            breakers.adopt(endpoint, until, now);
        });
        adoptedCircuits.removeIf(endpoint -> {
            if (open.containsKey(endpoint)) {
                return false;
            }
            breakers.adoptClosed(endpoint);
            return true;
        });
    }

    /** The grid's trouble never stops a delivery: the news is lost, this node's own circuit still works. */
    private void tellCluster(Runnable news) {
        try {
            news.run();
        } catch (RuntimeException gridTrouble) {
            LOG.log(Level.FINE, "A circuit's news could not reach the cluster", gridTrouble);
        }
    }

    /** Endpoints not to claim for now: circuit open, or already as many held and in flight as two rounds of their share. */
    private Set<UUID> skipped(Instant now) {
        adoptClusterCircuits(now);
        Set<UUID> skip = new HashSet<>(breakers.blocked(now));
        try {
            // an organization being moved to another region: its tasks wait in both regions until the move is done
            skip.addAll(regionMoves.pausedEndpoints());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Region moves could not be read: no claim without them", e);
        }
        Map<UUID, Integer> held = new java.util.HashMap<>();
        local.forEach(h -> held.merge(h.task().endpointId(), 1, Integer::sum));
        inFlightPerEndpoint.forEach((endpoint, n) -> held.merge(endpoint, n.get(), Integer::sum));
        held.forEach((endpoint, n) -> {
            if (n >= 2 * callsAtOnce(endpoint)) {
                skip.add(endpoint);
            }
        });
        return skip;
    }

    private void housekeeping() {
        Instant now = clock.instant();
        if (now.isAfter(lastDepth.plus(DEPTH_EVERY))) {
            lastDepth = now;
            List<QueueCount> depths = new java.util.ArrayList<>();
            for (DataRegion region : workableRegions()) {
                try {
                    depths.addAll(queue.depths(region));
                } catch (RuntimeException e) {
                    regionFailed(region, "count the queue", e);
                }
            }
            metrics.depth(depths);
        }
        if (now.isAfter(lastForget.plus(FORGET_EVERY))) {
            lastForget = now;
            for (DataRegion region : workableRegions()) {
                try {
                    queue.forgetFinishedVisits(region);
                } catch (RuntimeException e) {
                    regionFailed(region, "forget ended visits' references", e);
                }
            }
        }
        if (now.isAfter(lastPurge.plus(PURGE_EVERY))) {
            lastPurge = now;
            for (DataRegion region : workableRegions()) {
                int purged = 0;
                try {
                    for (int n = PURGE_BATCH; n == PURGE_BATCH && running && !paused; purged += n) {
                        n = queue.purgeDelivered(region, PURGE_BATCH); // one short transaction per batch
                    }
                } catch (RuntimeException e) {
                    regionFailed(region, "purge delivered tasks", e);
                }
                int total = purged;
                if (total > 0) {
                    LOG.info(() -> "Write-back: deleted " + total + " delivered tasks older than "
                            + settings.retention().toDays() + " days, with their history, in the " + region + " store.");
                }
            }
        }
    }

    private void giveBackHeld() {
        Held held;
        while ((held = local.pollFirst()) != null) {
            try {
                queue.release(held.task().region(), held.task().taskId(), clock.instant());
            } catch (RuntimeException e) {
                // the lease runs out instead
            }
        }
    }

    private Dispatch dispatch(Held held, Instant now) {
        ClaimedTask task = held.task();
        if (now.isAfter(held.claimedAt().plus(settings.lease().dividedBy(4)))) {
            queue.release(task.region(), task.taskId(), now); // held too long: another node may take it, do not race it
            return Dispatch.GIVEN_BACK;
        }
        learnLimit(task.endpointId(), task.prepared());
        AtomicInteger perEndpoint = inFlightPerEndpoint.computeIfAbsent(task.endpointId(), e -> new AtomicInteger());
        if (perEndpoint.get() >= callsAtOnce(task.endpointId()) || !slots.tryAcquire()) {
            return Dispatch.LATER;
        }
        if (!breakers.tryAcquire(task.endpointId(), now)) {
            slots.release();
            queue.release(task.region(), task.taskId(), now.plus(BUSY_RETRY));
            return Dispatch.GIVEN_BACK;
        }
        perEndpoint.incrementAndGet();
        try {
            executor.execute(() -> {
                try {
                    deliver(task);
                } finally {
                    perEndpoint.decrementAndGet();
                    slots.release();
                    synchronized (finished) {
                        finished.notifyAll();
                    }
                }
            });
            return Dispatch.STARTED;
        } catch (RuntimeException rejected) {
            perEndpoint.decrementAndGet();
            slots.release();
            breakers.neutral(task.endpointId());
            queue.release(task.region(), task.taskId(), now.plus(BUSY_RETRY));
            return Dispatch.GIVEN_BACK;
        }
    }

    /**
     * Delivers a claimed task, then, in the same slot, the next events of its visit that the outcome's
     * transaction claimed for this node right away (a visit's events follow each other without waiting
     * for a claim round). Never throws.
     */
    void deliver(ClaimedTask claimed) {
        ClaimedTask task = claimed;
        while (task != null) {
            ClaimedTask next = deliverOne(task);
            if (next != null && (!running || paused || !breakers.tryAcquire(next.endpointId(), clock.instant()))) {
                giveBack(next, clock.instant().plus(BUSY_RETRY));
                next = null;
            }
            task = next;
        }
    }

    private void giveBack(ClaimedTask task, Instant nextAt) {
        try {
            queue.release(task.region(), task.taskId(), nextAt);
        } catch (RuntimeException e) {
            // the lease runs out instead
        }
    }

    /** One delivery attempt and its outcome; never throws. Returns the visit's next task if this node took it. */
    private ClaimedTask deliverOne(ClaimedTask task) {
        Instant started = clock.instant();
        try {
            PreparedDelivery prepared = task.prepared() != null ? task.prepared() : queue.prepare(task);
            learnLimit(task.endpointId(), prepared);
            if (prepared.problem() != null) {
                breakers.neutral(task.endpointId());
                queue.fail(task.region(), task.taskId(), started, prepared.problem());
                metrics.failed(task.endpointId(), true);
                return null;
            }
            EhrWriteBack adapter = adapters.get(prepared.adapter());
            if (adapter == null) {
                breakers.neutral(task.endpointId());
                queue.fail(task.region(), task.taskId(), started, "No write-back adapter " + prepared.adapter() + " in this build.");
                metrics.failed(task.endpointId(), true);
                return null;
            }
            adapter.deliver(prepared.delivery());
            breakers.success(task.endpointId());
            ClaimedTask next;
            try {
                RecordedDelivery recorded = queue.delivered(task.region(), List.of(new Finished(task.taskId(), started, clock.instant())),
                        running && !paused).get(0);
                if (!recorded.recorded()) {
                    LOG.info(() -> "Write-back task " + task.taskId() + " was delivered after this node's claim ran out; "
                            + "the node now holding it delivers it again (a replay for the EHR).");
                    return null;
                }
                next = recorded.next();
            } catch (RuntimeException e) {
                // not recorded (the database failed): the lease runs out and the task is delivered again, which
                // the EHR absorbs as a replay
                LOG.log(Level.WARNING, "The delivery of write-back task " + task.taskId() + " could not be recorded: "
                        + e.getClass().getSimpleName());
                return null;
            }
            metrics.delivered(task.endpointId(), Duration.between(started, clock.instant()),
                    Duration.between(task.occurredAt(), clock.instant()));
            return next;
        } catch (DeliveryFailure f) {
            failed(task, started, f);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Write-back of task " + task.taskId() + " failed unexpectedly: "
                    + e.getClass().getName());
            failed(task, started, new DeliveryFailure(DeliveryFailure.Kind.TRY_AGAIN,
                    "OpenVisit failed unexpectedly while writing this event (" + e.getClass().getSimpleName()
                            + "); it tries again."));
        }
        return null;
    }

    private void failed(ClaimedTask task, Instant started, DeliveryFailure f) {
        Instant now = clock.instant();
        try {
            switch (f.kind()) {
                case ENDPOINT_DOWN -> breakers.failure(task.endpointId(), now);
                case RATE_LIMITED -> breakers.pause(task.endpointId(), now.plus(f.retryAfter().orElse(Duration.ofSeconds(1))));
                default -> breakers.neutral(task.endpointId());
            }
            int failures = task.attemptsBefore() + 1;
            boolean permanent = f.kind() == DeliveryFailure.Kind.PERMANENT;
            if (permanent || failures >= settings.maxAttempts()) {
                queue.fail(task.region(), task.taskId(), started, permanent ? f.getMessage()
                        : f.getMessage() + " Gave up after " + failures + " attempts.");
                metrics.failed(task.endpointId(), true);
            } else {
                Duration wait = backoff.delay(failures, f.retryAfter(), ThreadLocalRandom.current()::nextDouble);
                queue.retryLater(task.region(), task.taskId(), started, f.getMessage(), now.plus(wait));
                metrics.failed(task.endpointId(), false);
            }
        } catch (RuntimeException e) {
            // the lease runs out and another attempt follows; nothing is lost
            LOG.log(Level.WARNING, "The outcome of write-back task " + task.taskId() + " could not be stored: "
                    + e.getClass().getSimpleName());
        }
    }
}
