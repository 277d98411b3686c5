package org.openvisit.writeback.application;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ejb.EJB;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.visit.application.VisitEventRecorded;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitRepository;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.writeback.domain.model.DeliveryTaskRepository;

import java.time.Clock;

/**
 * The outbox: for every visit event, inside the transaction that records it (the observer runs
 * synchronously and requires that transaction), one delivery task with a copy of the visit's sealed
 * EHR references. Event and task commit together or not at all; a failure here rolls the event back.
 * The task is held back while the visit's previous event is undone (its row locked meanwhile, so that
 * the relay letting the next one through cannot miss this one).
 */
@ApplicationScoped
public class WriteBackOutbox {

    @EJB
    private RegionDirectory regions;

    @EJB
    private WriteBackRelay relay;

    private final Clock clock = Clock.systemUTC();

    @Transactional(Transactional.TxType.MANDATORY)
    public void onEvent(@Observes VisitEventRecorded event) {
        RegionalStore store = regions.ofVisit(event.visitId()); // the event's store: same transaction, same store
        DeliveryTaskRepository tasks = store.deliveryTasks();
        String sealed = store.visits().find(event.visitId()).flatMap(Visit::sealedEhrContext).orElse(null);
        DeliveryTask task = DeliveryTask.forEvent(event.eventId(), event.visitId(), event.endpointId(),
                event.organizationId(), event.sequence(), event.type(), event.attendeeRole(), event.occurredAt(), sealed,
                clock.instant());
        tasks.previousForUpdate(event.visitId(), event.sequence()).ifPresent(task::queueBehind);
        tasks.add(task);
    }

    /** Once the event and its task are committed, this node's relay claims at once instead of at its next poll. */
    public void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) VisitEventRecorded event) {
        relay.nudge();
    }
}
