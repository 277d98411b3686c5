package org.openvisit.writeback.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.audit.domain.model.AuditOutcome;
import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.application.EhrContextSeal;
import org.openvisit.visit.domain.model.CallPeriod;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEndpoint;
import org.openvisit.tenant.domain.model.FhirEndpointRepository;
import org.openvisit.writeback.domain.model.DeliveredTasks;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.writeback.domain.model.DeliveryTaskRepository;
import org.openvisit.writeback.domain.model.QueueCount;
import org.openvisit.writeback.domain.model.WriteBackEndpoint;
import org.openvisit.writeback.domain.model.WriteBackEndpointRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The relay's transactions, each short and on its own (REQUIRES_NEW) and within one region's store (issue 18):
 * claim a batch of that region's tasks, and record an outcome (claiming the visit's next event when it is due). What
 * a delivery needs from the global store (the endpoint, its write-back settings and key) is read after the regional
 * transaction, outside any transaction: Payara enlists one non-XA resource per transaction. No transaction is held
 * while the EHR is called.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class.getName());

    @EJB
    private RegionDirectory regions;

    @Inject
    private FhirEndpointRepository endpoints;

    @Inject
    private EhrContextSeal seal;

    @Inject
    private WriteBackSettings settings;

    @Inject
    private WriteBackEndpointRepository writeBackEndpoints;

    @EJB
    private BackendKeys keys;

    @Resource
    private SessionContext context;

    @EJB
    private AuditTrail trail;

    @Inject
    private jakarta.enterprise.event.Event<WriteBackProgress> progress;

    private final Clock clock = Clock.systemUTC();

    /** A task as its region's store gave it, with the call period its delivery reports (read in that transaction). */
    public record RegionalTask(DataRegion region, DeliveryTask task, CallPeriod call) {
    }

    /**
     * Claims a batch of the region's due tasks (one regional transaction), then reads what each delivery needs from
     * the global store (outside it).
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<ClaimedTask> claim(DataRegion region, int max, Collection<UUID> skipEndpoints) {
        return self().claimIn(region, max, skipEndpoints).stream()
                .map(t -> ClaimedTask.of(region, t.task(), prepare(t, false))).toList();
    }

    /** The claim's regional transaction. */
    public List<RegionalTask> claimIn(DataRegion region, int max, Collection<UUID> skipEndpoints) {
        RegionalStore store = regions.ready(region);
        return store.deliveryTasks().claimDue(settings.node(), clock.instant(), settings.lease(), max, skipEndpoints)
                .stream().map(t -> new RegionalTask(region, t, call(store, t))).toList();
    }

    /**
     * What the delivery of a claimed task needs, for a task claimed without it (its endpoint had no
     * write-back key yet: made here, in transactions of its own); read-only otherwise.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public PreparedDelivery prepare(ClaimedTask claimed) {
        RegionalStore store = regions.ready(claimed.region());
        DeliveryTask task = store.deliveryTasks().find(claimed.taskId()).orElseThrow();
        return prepare(new RegionalTask(claimed.region(), task, call(store, task)), true);
    }

    /**
     * What the delivery of a task needs (its endpoint, settings and opened EHR references), or why it cannot
     * go; {@code null} when the endpoint has no write-back key yet and {@code mayMakeKey} is false (making
     * one is left out of the claim's and the outcome's transactions, so that its failure cannot undo them).
     * Reads the global store: never called inside a regional transaction.
     */
    private PreparedDelivery prepare(RegionalTask regional, boolean mayMakeKey) {
        DeliveryTask task = regional.task();
        Optional<FhirEndpoint> endpoint = endpoints.find(task.endpointId());
        if (endpoint.isEmpty()) {
            return PreparedDelivery.refused("The FHIR endpoint of this visit no longer exists.");
        }
        EhrContext context = null;
        if (task.sealedEhrContext().isPresent()) {
            try {
                context = seal.open(task.visitId(), task.sealedEhrContext().get());
            } catch (RuntimeException e) {
                return PreparedDelivery.refused("The visit's EHR references could not be opened (was the "
                        + "master key changed?).");
            }
        }
        if (context == null || context.isEmpty()) {
            return PreparedDelivery.refused("The EHR gave no appointment or encounter for this visit, so "
                    + "there is no record to write to.");
        }
        WriteBackEndpoint wb = mayMakeKey ? keys.settingsFor(task.endpointId())
                : writeBackEndpoints.find(task.endpointId()).orElse(null);
        if (wb == null) {
            return null;
        }
        EndpointAccess access = new EndpointAccess(task.endpointId(), endpoint.get().baseUrl().value(),
                wb.clientId().orElse(settings.clientId()), wb.keyId());
        return new PreparedDelivery(new Delivery(task.id(), task.eventId(), task.visitId(), task.sequence(),
                task.eventType(), task.attendeeRole().orElse(null), task.occurredAt(), context, access, regional.call()),
                wb.adapter(), wb.callLimit().orElse(0), null);
    }

    /**
     * The visit's call as it stood right after the task's event, for the events that move the EHR's Encounter or
     * Appointment (a connection, the visit's end): read from the visit's events up to that one, which never change.
     */
    private static CallPeriod call(RegionalStore store, DeliveryTask task) {
        VisitEventType type = task.eventType();
        if (type != VisitEventType.CONNECTED && type != VisitEventType.VISIT_ENDED) {
            return CallPeriod.NONE;
        }
        return CallPeriod.asOf(store.visits().events(task.visitId()), task.sequence());
    }

    /**
     * Records finished deliveries of one region, all in one regional transaction (see {@link DeliveredTasks}: each
     * is locked and checked on its own, one this node no longer holds is refused without touching the others). Each
     * recorded one lets its visit's next event through and, when {@code takeNext} and it is due, claims it
     * for this node, so that a visit's events follow each other without waiting for a claim. (The visit's
     * references are forgotten later, see {@link #forgetFinishedVisits}.)
     *
     * @return per finished delivery, in order: recorded or refused, and the next task if this node took it
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<RecordedDelivery> delivered(DataRegion region, List<DeliveredTasks.Finished> finished, boolean takeNext) {
        return self().deliveredIn(region, finished, takeNext).stream()
                .map(o -> new RecordedDelivery(o.taskId(), o.recorded(),
                        o.next() == null ? null : ClaimedTask.of(region, o.next().task(), prepare(o.next(), false))))
                .toList();
    }

    /** What became of a finished delivery, with the visit's next task as its store gave it. */
    public record RegionalOutcome(UUID taskId, boolean recorded, RegionalTask next) {
    }

    /** The outcome's regional transaction. */
    public List<RegionalOutcome> deliveredIn(DataRegion region, List<DeliveredTasks.Finished> finished,
                                             boolean takeNext) {
        RegionalStore store = regions.ready(region);
        List<RegionalOutcome> outcomes = new DeliveredTasks(store.deliveryTasks())
                .record(settings.node(), finished, clock.instant(), settings.lease(), takeNext).stream()
                .map(o -> new RegionalOutcome(o.taskId(), o.recorded(),
                        o.next() == null ? null : new RegionalTask(region, o.next(), call(store, o.next()))))
                .toList();
        java.util.Set<UUID> visits = new java.util.HashSet<>();
        for (RegionalOutcome o : outcomes) {
            if (o.recorded()) {
                store.deliveryTasks().find(o.taskId()).ifPresent(t -> {
                    audit(t, AuditOutcome.SUCCESS, "delivered");
                    visits.add(t.visitId());
                });
            }
        }
        if (!visits.isEmpty()) {
            progress.fire(new WriteBackProgress(store, visits));
        }
        return outcomes;
    }

    /** A write-back outcome in the organization's audit trail, in the outcome's own (regional) transaction. */
    private void audit(DeliveryTask task, AuditOutcome outcome, String words) {
        trail.recordInTransaction(AuditFact.of(AuditKind.WRITE_BACK, AuditActor.system()).withOutcome(outcome)
                .withOrganization(task.organizationId()).withVisit(task.visitId()).withEndpoint(task.endpointId())
                .withDetail(task.eventType() + " event #" + task.sequence() + " " + words));
    }

    public void retryLater(DataRegion region, UUID taskId, Instant startedAt, String error, Instant nextAt) {
        RegionalStore store = regions.ready(region);
        var tasks = store.deliveryTasks();
        DeliveryTask task = tasks.find(taskId).orElseThrow();
        tasks.addAttempt(task.retryLater(settings.node(), startedAt, clock.instant(), error, nextAt));
        progress.fire(new WriteBackProgress(store, java.util.Set.of(task.visitId())));
    }

    public void fail(DataRegion region, UUID taskId, Instant startedAt, String error) {
        RegionalStore store = regions.ready(region);
        var tasks = store.deliveryTasks();
        DeliveryTask task = tasks.find(taskId).orElseThrow();
        tasks.addAttempt(task.fail(settings.node(), startedAt, clock.instant(), error));
        progress.fire(new WriteBackProgress(store, java.util.Set.of(task.visitId())));
        audit(task, AuditOutcome.SERIOUS_FAILURE, "given up: " + error);
    }

    /** Tasks not yet done in the region's store, per endpoint and status. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<QueueCount> depths(DataRegion region) {
        return regions.ready(region).deliveryTasks().counts(WriteBackMetrics.QUEUED);
    }

    /** Given back without an attempt (circuit open, endpoint busy, node stopping). */
    public void release(DataRegion region, UUID taskId, Instant nextAt) {
        regions.ready(region).deliveryTasks().find(taskId).ifPresent(t -> {
            if (t.claimedBy().filter(settings.node()::equals).isPresent()) {
                t.release(settings.node(), nextAt);
            }
        });
    }

    /**
     * Deletes one batch of the region's tasks delivered longer ago than the retention, with their history.
     *
     * @return how many tasks were deleted (a full batch: call again)
     */
    public int purgeDelivered(DataRegion region, int batch) {
        return regions.ready(region).deliveryTasks().purgeDelivered(clock.instant().minus(settings.retention()), batch);
    }

    /**
     * Forgets the EHR references of the region's visits that ended more than {@code forget-after} ago and have no
     * undelivered task (privacy: references only while write-back needs them).
     *
     * @return how many visits forgot theirs
     */
    public int forgetFinishedVisits(DataRegion region) {
        var visits = regions.ready(region).visits();
        List<UUID> ids = visits.endedKeepingEhrContext(clock.instant().minus(settings.forgetAfter()), 200);
        int n = 0;
        for (UUID id : ids) {
            Optional<Visit> v = visits.findForUpdate(id);
            if (v.isPresent()) {
                v.get().forgetEhrContext();
                n++;
            }
        }
        if (n > 0) {
            LOG.fine(() -> "Forgot the EHR references of ended visits: " + ids.size());
        }
        return n;
    }

    private DeliveryQueue self() {
        return context.getBusinessObject(DeliveryQueue.class);
    }
}
