package org.openvisit.writeback.application;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.openvisit.visit.application.EhrContext;
import org.openvisit.visit.application.EhrContextSeal;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitRepository;
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
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The relay's transactions, each short and on its own (REQUIRES_NEW): claim a batch (with what each
 * delivery needs), and record an outcome (claiming the visit's next event when it is due). No
 * transaction is held while the EHR is called.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class DeliveryQueue {

    private static final Logger LOG = Logger.getLogger(DeliveryQueue.class.getName());

    @Inject
    private DeliveryTaskRepository tasks;

    @Inject
    private VisitRepository visits;

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

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    private final Clock clock = Clock.systemUTC();

    /** Claims a batch, with what each delivery needs read in the same transaction (no read per delivery). */
    public List<ClaimedTask> claim(int max, Collection<UUID> skipEndpoints) {
        return tasks.claimDue(settings.node(), clock.instant(), settings.lease(), max, skipEndpoints).stream()
                .map(t -> ClaimedTask.of(t, prepare(t, false))).toList();
    }

    /**
     * What the delivery of a claimed task needs, for a task claimed without it (its endpoint had no
     * write-back key yet: made here, in transactions of its own); read-only otherwise.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public PreparedDelivery prepare(ClaimedTask claimed) {
        return prepare(tasks.find(claimed.taskId()).orElseThrow(), true);
    }

    /**
     * What the delivery of a task needs (its endpoint, settings and opened EHR references), or why it cannot
     * go; {@code null} when the endpoint has no write-back key yet and {@code mayMakeKey} is false (making
     * one is left out of the claim's and the outcome's transactions, so that its failure cannot undo them).
     */
    private PreparedDelivery prepare(DeliveryTask task, boolean mayMakeKey) {
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
                task.eventType(), task.attendeeRole().orElse(null), task.occurredAt(), context, access), wb.adapter(),
                wb.callLimit().orElse(0), null);
    }

    /**
     * Records finished deliveries, all in this one transaction (see {@link DeliveredTasks}: each is locked
     * and checked on its own, one this node no longer holds is refused without touching the others). Each
     * recorded one lets its visit's next event through and, when {@code takeNext} and it is due, claims it
     * for this node, so that a visit's events follow each other without waiting for a claim. (The visit's
     * references are forgotten later, see {@link #forgetFinishedVisits}.)
     *
     * @return per finished delivery, in order: recorded or refused, and the next task if this node took it
     */
    public List<RecordedDelivery> delivered(List<DeliveredTasks.Finished> finished, boolean takeNext) {
        return new DeliveredTasks(tasks).record(settings.node(), finished, clock.instant(), settings.lease(), takeNext)
                .stream().map(o -> new RecordedDelivery(o.taskId(), o.recorded(),
                        o.next() == null ? null : ClaimedTask.of(o.next(), prepare(o.next(), false))))
                .toList();
    }

    public void retryLater(UUID taskId, Instant startedAt, String error, Instant nextAt) {
        DeliveryTask task = tasks.find(taskId).orElseThrow();
        tasks.addAttempt(task.retryLater(settings.node(), startedAt, clock.instant(), error, nextAt));
    }

    public void fail(UUID taskId, Instant startedAt, String error) {
        DeliveryTask task = tasks.find(taskId).orElseThrow();
        tasks.addAttempt(task.fail(settings.node(), startedAt, clock.instant(), error));
    }

    /** Tasks not yet done, per endpoint and status. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public List<QueueCount> depths() {
        return tasks.counts(WriteBackMetrics.QUEUED);
    }

    /** Given back without an attempt (circuit open, endpoint busy, node stopping). */
    public void release(UUID taskId, Instant nextAt) {
        tasks.find(taskId).ifPresent(t -> {
            if (t.claimedBy().filter(settings.node()::equals).isPresent()) {
                t.release(settings.node(), nextAt);
            }
        });
    }

    /**
     * Deletes one batch of tasks delivered longer ago than the retention, with their history.
     *
     * @return how many tasks were deleted (a full batch: call again)
     */
    public int purgeDelivered(int batch) {
        return tasks.purgeDelivered(clock.instant().minus(settings.retention()), batch);
    }

    /**
     * Forgets the EHR references of visits that ended more than {@code forget-after} ago and have no
     * undelivered task (privacy: references only while write-back needs them).
     *
     * @return how many visits forgot theirs
     */
    public int forgetFinishedVisits() {
        Instant before = clock.instant().minus(settings.forgetAfter());
        @SuppressWarnings("unchecked")
        List<Object> ids = entityManager.createNativeQuery("""
                SELECT v.id FROM visit v
                 WHERE v.status = 'ENDED' AND v.ehr_context IS NOT NULL AND v.ended_at < ?1
                   AND NOT EXISTS (SELECT 1 FROM writeback_task t WHERE t.visit_id = v.id
                                     AND t.status IN ('PENDING', 'IN_FLIGHT', 'RETRYING', 'FAILED'))
                 FETCH FIRST 200 ROWS ONLY""").setParameter(1, before.atOffset(ZoneOffset.UTC)).getResultList();
        int n = 0;
        for (Object id : ids) {
            Optional<Visit> v = visits.findForUpdate(UUID.fromString(id.toString()));
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
}
