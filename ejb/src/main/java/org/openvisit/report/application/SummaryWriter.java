package org.openvisit.report.application;

import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.report.domain.model.HourKey;
import org.openvisit.report.domain.model.ReportStatus;
import org.openvisit.report.domain.model.SummaryExtras;
import org.openvisit.report.domain.model.VisitQuality;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.writeback.domain.model.DeliveryTask;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitParticipant;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
        HourShare before = existing.map(HourShare::of).orElse(null);
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
        HourShare after = HourShare.of(summary);
        if (before != null && !after.equals(before)) {
            // the hours this visit's row adds to are to be made again (by the sweep; reports read them exactly
            // from the visits' rows until then); a new row's hour was marked by add
            store.visitSummaries().markHours(summary.organizationId(),
                    List.of(before.reportAt(), summary.reportAt()), now);
        }
        return true;
    }

    /** What a visit's summary adds to its hour's report figures (report.domain.model.HourFigures). */
    record HourShare(long hour, Instant reportAt, ReportStatus status, Long duration, Long lobbyWait,
                     Long timeToAdmit, int sms, VisitQuality quality) {

        static HourShare of(VisitSummary s) {
            return new HourShare(HourKey.hourOf(s.reportAt()), s.reportAt(), s.status(),
                    s.durationSeconds().orElse(null), s.lobbyWaitSeconds().orElse(null),
                    s.timeToAdmitSeconds().orElse(null), s.smsSent(), s.quality());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof HourShare h && hour == h.hour && status == h.status && sms == h.sms
                    && java.util.Objects.equals(duration, h.duration) && java.util.Objects.equals(lobbyWait, h.lobbyWait)
                    && java.util.Objects.equals(timeToAdmit, h.timeToAdmit) && java.util.Objects.equals(quality, h.quality);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(hour, status, duration, lobbyWait, timeToAdmit, sms, quality);
        }
    }
}
