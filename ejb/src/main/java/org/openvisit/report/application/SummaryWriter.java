package org.openvisit.report.application;

import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.report.domain.model.SummaryExtras;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitParticipant;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Makes a visit's summary again from the visit, its clinicians, all its events, its call-quality rows, write-back
 * tasks, its endpoint's environment and the feed's word on its appointment, inside the caller's transaction on
 * the visit's store, with the visit's row locked (so that two nodes never write one summary at once).
 */
final class SummaryWriter {

    private SummaryWriter() {
    }

    /**
     * @param environments the environments of the endpoints (read outside this transaction)
     * @return whether the visit exists (and its summary was written)
     */
    static boolean refresh(RegionalStore store, EndpointEnvironments environments, UUID visitId, Duration grace,
                           Instant now) {
        VisitRepository visits = store.visits();
        Visit visit = visits.findForUpdate(visitId).orElse(null);
        if (visit == null) {
            return false;
        }
        var existing = store.visitSummaries().find(visitId);
        VisitSummary summary = existing.orElseGet(() -> VisitSummary.of(visit));
        SummaryExtras extras = new SummaryExtras(
                environments.of(visit.endpointId()),
                store.callQuality().ofVisit(visitId),
                store.deliveryTasks().ofVisit(visitId).stream().map(DeliveryTask::status).toList(),
                store.smsFeed().cancelled(visit.endpointId(), visit.appointmentHash().value()));
        summary.refresh(visit, visits.participants(visitId).stream().map(VisitParticipant::ehrUserId).toList(),
                visits.events(visitId), grace, now, extras);
        if (existing.isEmpty()) {
            store.visitSummaries().add(summary);
        }
        return true;
    }
}
