package org.openvisit.retention.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.openvisit.database.OpenVisitDatabase;
import org.openvisit.retention.domain.model.RetentionRun;
import org.openvisit.shared.application.ScheduledRounds;
import org.openvisit.tenant.domain.model.DataRegion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.logging.Logger;

/**
 * Once an hour on every node, in every region whose store is ready: deletes the visits (with everything recorded about
 * them) and launch audit rows past the installation's retention ({@link RetentionSettings}), then the visits of
 * organizations that keep theirs for less, {@link #BATCH} rows per
 * transaction and at most {@link #MAX_BATCHES} batches of each kind per hour, so that a first purge of a large store
 * spreads over several hours instead of holding the database. Each organization's deletions are recorded
 * ({@code retention_run}) for the portal, and counted in the {@code retention_deleted} metric. Several nodes may purge
 * at once: each batch takes only rows no other transaction holds.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RetentionPurge {

    static final int BATCH = 500;
    static final int MAX_BATCHES = 200;

    private static final Logger LOG = Logger.getLogger(RetentionPurge.class.getName());

    @EJB
    private OpenVisitDatabase database;

    @EJB
    private RetentionWork work;

    @Inject
    private RetentionSettings settings;

    @Inject
    private MetricRegistry metrics;

    private final ScheduledRounds regionPurges = new ScheduledRounds("The retention purge", LOG);
    private final ScheduledRounds installationPurges =
            new ScheduledRounds("The retention purge of the installation's audit trail", LOG);
    private final Clock clock = Clock.systemUTC();

    @Schedule(minute = "23", hour = "*", persistent = false)
    public void purge() {
        Instant now = clock.instant();
        regionPurges.overRegions(database::readyRegions, region -> purge(region, now));
        installationPurges.run(() -> purgeInstallationAudit(now));
    }

    /** One region's purge. @return the runs it recorded, one per organization it deleted something of */
    Set<RetentionRun> purge(DataRegion region, Instant now) {
        Instant visitsBefore = settings.visits().map(now::minus).orElse(Instant.EPOCH);
        Instant auditBefore = settings.launchAudit().map(now::minus).orElse(Instant.EPOCH);
        Map<UUID, Long> visits = new HashMap<>(settings.visits().isPresent()
                ? batches((before, max) -> work.deleteVisits(region, null, before, max), visitsBefore) : Map.of());
        Map<UUID, Instant> cutoffs = new HashMap<>();
        work.tighterVisitRetention(region).forEach((organization, days) -> {
            Instant before = now.minus(Duration.ofDays(days));
            if (before.isAfter(visitsBefore)) {
                cutoffs.put(organization, before);
                batches((b, max) -> work.deleteVisits(region, organization, b, max), before)
                        .forEach((o, n) -> visits.merge(o, n, Long::sum));
            }
        });
        Map<UUID, Long> audit = settings.launchAudit().isPresent()
                ? batches((before, max) -> work.deleteLaunchAudit(region, before, max), auditBefore) : Map.of();
        long trail = settings.auditTrail().isPresent()
                ? batches((before, max) -> work.deleteAuditTrail(region, before, max),
                now.minus(settings.auditTrail().get())).values().stream().mapToLong(Long::longValue).sum() : 0;
        metrics.counter("retention.deleted", new Tag("region", region.key()), new Tag("kind", "audit_event"))
                .inc(trail);
        if (trail > 0) {
            LOG.info(() -> "Retention: deleted " + trail + " audit trail events from before "
                    + now.minus(settings.auditTrail().get()) + " in the " + region + " store.");
        }
        Set<UUID> organizations = new HashSet<>(visits.keySet());
        organizations.addAll(audit.keySet());
        Set<RetentionRun> runs = new HashSet<>();
        for (UUID organization : organizations) {
            RetentionRun run = new RetentionRun(organization, now, cutoffs.getOrDefault(organization, visitsBefore),
                    auditBefore, visits.getOrDefault(organization, 0L), audit.getOrDefault(organization, 0L));
            work.record(region, run);
            runs.add(run);
        }
        long visitTotal = visits.values().stream().mapToLong(Long::longValue).sum();
        long auditTotal = audit.values().stream().mapToLong(Long::longValue).sum();
        Tag regionTag = new Tag("region", region.key());
        metrics.counter("retention.deleted", regionTag, new Tag("kind", "visit")).inc(visitTotal);
        metrics.counter("retention.deleted", regionTag, new Tag("kind", "launch_audit")).inc(auditTotal);
        if (visitTotal + auditTotal > 0) {
            LOG.info(() -> "Retention: deleted " + visitTotal + " visits created before " + visitsBefore + " and "
                    + auditTotal + " launch audit rows from before " + auditBefore + " in the " + region + " store.");
        }
        return runs;
    }

    /** The installation's own audit trail events past the audit trail's retention (global store). */
    void purgeInstallationAudit(Instant now) {
        if (settings.auditTrail().isEmpty()) {
            return;
        }
        Instant before = now.minus(settings.auditTrail().get());
        long deleted = batches((b, max) -> work.deleteInstallationAudit(b, max), before).values().stream()
                .mapToLong(Long::longValue).sum();
        metrics.counter("retention.deleted", new Tag("region", "global"), new Tag("kind", "audit_event")).inc(deleted);
        if (deleted > 0) {
            LOG.info(() -> "Retention: deleted " + deleted + " installation audit events from before " + before + ".");
        }
    }

    static Map<UUID, Long> batches(BiFunction<Instant, Integer, Map<UUID, Integer>> batch, Instant before) {
        Map<UUID, Long> deleted = new HashMap<>();
        for (int i = 0; i < MAX_BATCHES; i++) {
            Map<UUID, Integer> done = batch.apply(before, BATCH);
            done.forEach((organization, n) -> deleted.merge(organization, (long) n, Long::sum));
            if (done.values().stream().mapToInt(Integer::intValue).sum() < BATCH) {
                break;
            }
        }
        return deleted;
    }
}
