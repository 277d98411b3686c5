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
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.writeback.domain.model.DeliveryTaskRepository;
import org.openvisit.writeback.domain.model.QueueCount;
import org.openvisit.writeback.domain.model.WriteBackAdapter;
import org.openvisit.writeback.domain.model.WriteBackEndpoint;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The relay's transactions, each short and on its own (REQUIRES_NEW): claim a batch, read what a
 * delivery needs, and record its outcome. No transaction is held while the EHR is called.
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

    @EJB
    private BackendKeys keys;

    @PersistenceContext(unitName = "openvisit")
    private EntityManager entityManager;

    private final Clock clock = Clock.systemUTC();

    public List<ClaimedTask> claim(int max, Collection<UUID> skipEndpoints) {
        return tasks.claimDue(settings.node(), clock.instant(), settings.lease(), max, skipEndpoints).stream()
                .map(ClaimedTask::of).toList();
    }

    /** A prepared delivery and the adapter to use, or a reason why it cannot be delivered. */
    public record Prepared(Delivery delivery, WriteBackAdapter adapter, String problem) {
    }

    /** What the delivery of a claimed task needs; read-only. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Prepared prepare(ClaimedTask claimed) {
        DeliveryTask task = tasks.find(claimed.taskId()).orElseThrow();
        Optional<FhirEndpoint> endpoint = endpoints.find(task.endpointId());
        if (endpoint.isEmpty()) {
            return new Prepared(null, null, "The FHIR endpoint of this visit no longer exists.");
        }
        EhrContext context = null;
        if (task.sealedEhrContext().isPresent()) {
            try {
                context = seal.open(task.visitId(), task.sealedEhrContext().get());
            } catch (RuntimeException e) {
                return new Prepared(null, null, "The visit's EHR references could not be opened (was the master key "
                        + "changed?).");
            }
        }
        if (context == null || context.isEmpty()) {
            return new Prepared(null, null, "The EHR gave no appointment or encounter for this visit, so there is no "
                    + "record to write to.");
        }
        WriteBackEndpoint wb = keys.settingsFor(task.endpointId());
        EndpointAccess access = new EndpointAccess(task.endpointId(), endpoint.get().baseUrl().value(),
                wb.clientId().orElse(settings.clientId()), wb.keyId());
        return new Prepared(new Delivery(task.id(), task.eventId(), task.visitId(), task.sequence(), task.eventType(),
                task.attendeeRole().orElse(null), task.occurredAt(), context, access), wb.adapter(), null);
    }

    /**
     * Delivered: done (the visit's references are forgotten later, see {@link #forgetFinishedVisits}); the
     * visit's next event is let through and, when {@code takeNext} and it is due, claimed for this node in
     * the same transaction, so that a visit's events follow each other without waiting for a claim.
     *
     * @return the next event's task, claimed by this node, if it was taken
     */
    public Optional<ClaimedTask> delivered(UUID taskId, Instant startedAt, boolean takeNext) {
        DeliveryTask task = tasks.find(taskId).orElseThrow();
        Instant now = clock.instant();
        tasks.addAttempt(task.delivered(settings.node(), startedAt, now));
        Optional<DeliveryTask> next = tasks.next(task);
        if (next.isEmpty() || !next.get().letThrough(task) || !takeNext || !next.get().isClaimable(now)) {
            return Optional.empty();
        }
        next.get().claim(settings.node(), now, settings.lease());
        return next.map(ClaimedTask::of);
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
