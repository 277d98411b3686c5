package org.openvisit.writeback.application;

import jakarta.ejb.EJB;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.openvisit.audit.application.AuditTrail;
import org.openvisit.audit.domain.model.AuditActor;
import org.openvisit.audit.domain.model.AuditFact;
import org.openvisit.audit.domain.model.AuditKind;
import org.openvisit.operations.application.ClusterMembership;
import org.openvisit.region.application.RegionDirectory;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.openvisit.shared.domain.model.ForbiddenException;
import org.openvisit.tenant.application.EndpointNotFoundException;
import org.openvisit.tenant.application.EndpointService;
import org.openvisit.tenant.application.EndpointView;
import org.openvisit.tenant.domain.model.Actor;
import org.openvisit.tenant.domain.model.Role;
import org.openvisit.writeback.domain.model.DeliveryStatus;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.writeback.domain.model.DeliveryTaskRepository;
import org.openvisit.writeback.domain.model.WriteBackAdapter;
import org.openvisit.writeback.domain.model.WriteBackEndpoint;
import org.openvisit.writeback.domain.model.WriteBackEndpointRepository;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The write-back queue of an endpoint for the portal and the API: who may see it is who may see the
 * endpoint; retrying and discarding dead letters, and choosing the adapter, is for the organization's
 * administrators (ORG_ADMIN).
 */
@Stateless
// The endpoint (global store) and its queue (the organization's regional store) are read each outside a transaction;
// each change is a transaction of one store (Payara enlists one non-XA resource per transaction).
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WriteBackQueueService {

    @jakarta.inject.Inject
    private jakarta.enterprise.event.Event<WriteBackProgress> progress;

    static final Set<DeliveryStatus> QUEUE = EnumSet.of(DeliveryStatus.PENDING, DeliveryStatus.IN_FLIGHT,
            DeliveryStatus.RETRYING, DeliveryStatus.FAILED);

    @EJB
    private EndpointService endpoints;

    @EJB
    private RegionDirectory regions;

    @Resource
    private SessionContext context;

    @EJB
    private BackendKeys keys;

    @EJB
    private AuditTrail trail;

    @Inject
    private WriteBackEndpointRepository writeBackEndpoints;

    @EJB
    private WriteBackRelay relay;

    @Inject
    private WriteBackSettings settings;

    @Inject
    private ClusterMembership cluster;

    private final Clock clock = Clock.systemUTC();

    /**
     * @param statuses which items to list (none: pending, in flight, retrying and failed)
     * @throws EndpointNotFoundException no such endpoint, or not one the actor may see
     */
    public WriteBackQueue queue(@NotNull Actor actor, @NotNull UUID endpointId, Set<DeliveryStatus> statuses,
                                @Min(value = 0, message = "{openvisit.page.first}") int first,
                                @Min(value = 1, message = "{openvisit.page.maxAtLeastOne}")
                                @Max(value = 500, message = "{openvisit.page.maxAtMost}") int max) {
        EndpointView endpoint = endpoints.find(actor, endpointId);
        var store = regions.ofOrganization(endpoint.organizationId());
        DeliveryTaskRepository tasks = store.deliveryTasks();
        Set<DeliveryStatus> listed = statuses == null || statuses.isEmpty() ? QUEUE : statuses;
        long pending = tasks.countQueueOf(endpoint.id(), EnumSet.of(DeliveryStatus.PENDING));
        long inFlight = tasks.countQueueOf(endpoint.id(), EnumSet.of(DeliveryStatus.IN_FLIGHT));
        long retrying = tasks.countQueueOf(endpoint.id(), EnumSet.of(DeliveryStatus.RETRYING));
        long failed = tasks.countQueueOf(endpoint.id(), EnumSet.of(DeliveryStatus.FAILED));
        EndpointCircuitBreakers.State circuit = relay.circuit(endpoint.id());
        java.time.Instant lastDelivered = tasks.lastDeliveredAt(endpoint.id()).orElse(null);
        EndpointHealth health = health(failed, retrying, circuit, lastDelivered != null);
        WriteBackEndpoint wb = keys.settingsFor(endpoint.id());
        return new WriteBackQueue(endpoint.id(), health, pending, inFlight, retrying, failed, wb.adapter(),
                wb.clientId().orElse(settings.clientId()), wb.keyId(),
                wb.callLimit().isPresent() ? wb.callLimit().getAsInt() : null, settings.callsAtOnce(wb.callLimit().orElse(0), cluster.nodes()),
                tasks.queueOf(endpoint.id(), listed, first, max).stream().map(QueueItem::of).toList(), lastDelivered);
    }

    /**
     * The badge: dead letters first, then the circuit, then retries; with nothing of that, HEALTHY only once the EHR
     * took a write-back (NEVER_DELIVERED before: a new endpoint has proven nothing yet).
     */
    static EndpointHealth health(long failed, long retrying, EndpointCircuitBreakers.State circuit, boolean everDelivered) {
        return failed > 0 ? EndpointHealth.FAILING
                : circuit == EndpointCircuitBreakers.State.OPEN ? EndpointHealth.DOWN
                : retrying > 0 || circuit == EndpointCircuitBreakers.State.HALF_OPEN ? EndpointHealth.DEGRADED
                : everDelivered ? EndpointHealth.HEALTHY
                : EndpointHealth.NEVER_DELIVERED;
    }

    /**
     * A page of the endpoint's delivered events, the latest delivered first; of one visit only when {@code visitId}
     * is given. Paged in the database. Who may see it is who may see the endpoint.
     *
     * @throws EndpointNotFoundException no such endpoint, or not one the actor may see
     */
    public DeliveredPage delivered(@NotNull Actor actor, @NotNull UUID endpointId, UUID visitId,
                                   @Min(value = 0, message = "{openvisit.page.first}") int first,
                                @Min(value = 1, message = "{openvisit.page.maxAtLeastOne}")
                                @Max(value = 500, message = "{openvisit.page.maxAtMost}") int max) {
        EndpointView endpoint = endpoints.find(actor, endpointId);
        DeliveryTaskRepository tasks = regions.ofOrganization(endpoint.organizationId()).deliveryTasks();
        return new DeliveredPage(tasks.deliveredOf(endpoint.id(), visitId, first, max).stream().map(QueueItem::of)
                .toList(), tasks.countDeliveredOf(endpoint.id(), visitId), first, max);
    }

    /** Tries a dead letter again now (ORG_ADMIN of the endpoint's organization). */
    public QueueItem retry(@NotNull Actor actor, @NotNull UUID endpointId, @NotNull UUID taskId) {
        return self().change(administered(actor, endpointId), taskId, actor.username(), false);
    }

    /** Drops a dead letter: it is never delivered (ORG_ADMIN). */
    public QueueItem discard(@NotNull Actor actor, @NotNull UUID endpointId, @NotNull UUID taskId) {
        return self().change(administered(actor, endpointId), taskId, actor.username(), true);
    }

    /** A retry or discard of one of the endpoint's tasks, in a transaction of its organization's regional store. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public QueueItem change(@NotNull EndpointView endpoint, @NotNull UUID taskId, @NotNull String username,
                            boolean discard) {
        var store = regions.ofOrganization(endpoint.organizationId());
        DeliveryTaskRepository tasks = store.deliveryTasks();
        DeliveryTask task = tasks.find(taskId).filter(t -> t.endpointId().equals(endpoint.id()))
                .orElseThrow(WriteBackItemNotFoundException::new);
        if (discard) {
            tasks.addAttempt(task.discard(username, clock.instant()));
            tasks.next(task).ifPresent(next -> next.letThrough(task));
        } else {
            tasks.addAttempt(task.requeue(username, clock.instant()));
        }
        trail.recordInTransaction(AuditFact.of(discard ? AuditKind.WRITE_BACK_DISCARDED : AuditKind.WRITE_BACK_RETRIED,
                        AuditActor.portalUser(username)).withOrganization(endpoint.organizationId())
                .withVisit(task.visitId()).withEndpoint(endpoint.id()));
        progress.fire(new WriteBackProgress(store, java.util.Set.of(task.visitId())));
        return QueueItem.of(task);
    }

    /**
     * Chooses the endpoint's adapter, backend client id (blank: the default) and limit of calls at once from
     * each node (null: the installation's) (ORG_ADMIN).
     */
    public WriteBackQueue configure(@NotNull Actor actor, @NotNull UUID endpointId, @NotNull WriteBackAdapter adapter,
                                    String clientId, Integer callLimit) {
        self().changeSettings(actor, endpointId, wb -> {
            wb.useAdapter(adapter);
            wb.useClientId(clientId);
            wb.limitCalls(callLimit);
        });
        return queue(actor, endpointId, null, 0, 1);
    }

    /** Sets or clears (null) the organization's limit of calls at once from each node to the endpoint's EHR (ORG_ADMIN). */
    public WriteBackQueue limitCalls(@NotNull Actor actor, @NotNull UUID endpointId, Integer callLimit) {
        self().changeSettings(actor, endpointId, wb -> wb.limitCalls(callLimit));
        return queue(actor, endpointId, null, 0, 1);
    }

    /** A change of the endpoint's write-back settings by the organization's administrator: a global transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void changeSettings(@NotNull Actor actor, @NotNull UUID endpointId,
                               @NotNull java.util.function.Consumer<WriteBackEndpoint> change) {
        EndpointView endpoint = endpoints.find(actor, endpointId);
        requireAdmin(actor, endpoint);
        keys.settingsFor(endpoint.id()); // made (in its own transaction) the first time
        change.accept(writeBackEndpoints.find(endpoint.id()).orElseThrow());
    }

    private EndpointView administered(Actor actor, UUID endpointId) {
        EndpointView endpoint = endpoints.find(actor, endpointId);
        requireAdmin(actor, endpoint);
        return endpoint;
    }

    private WriteBackQueueService self() {
        return context.getBusinessObject(WriteBackQueueService.class);
    }

    private static void requireAdmin(Actor actor, EndpointView endpoint) {
        if (!actor.hasRoleIn(Role.ORG_ADMIN, endpoint.organizationId())) {
            throw new ForbiddenException("Only an administrator of the endpoint's organization (ORG_ADMIN) retries, "
                    + "discards or configures write-back.").worded("writeBack.forbidden");
        }
    }
}
