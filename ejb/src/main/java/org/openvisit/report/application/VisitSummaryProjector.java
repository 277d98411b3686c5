package org.openvisit.report.application;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.visit.application.VisitDetailsLearned;
import org.openvisit.visit.application.VisitEventRecorded;

import java.time.Clock;

/**
 * Keeps a visit's summary up to date with its events: for every event, inside the transaction that records it (the
 * observer runs synchronously and requires that transaction), the summary is made again. Event and summary commit
 * together or not at all, so a visit's row is final the moment its end is recorded. What a visit learns from the EHR
 * outside its events (the booked time, the department's name: {@link VisitDetailsLearned}) makes it again the same way.
 */
@ApplicationScoped
public class VisitSummaryProjector {

    @EJB
    private RegionDirectory regions;

    @Inject
    private ReportSettings settings;

    @EJB
    private EndpointEnvironments environments;

    private final Clock clock = Clock.systemUTC();

    @Transactional(Transactional.TxType.MANDATORY)
    public void onEvent(@Observes VisitEventRecorded event) {
        refresh(event.visitId());
    }

    /** The same for what a visit learned from the EHR outside its events (booked time, department name). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onDetails(@Observes VisitDetailsLearned learned) {
        refresh(learned.visitId());
    }

    /** The same for call-quality figures learned after the visit's events (Teams call records). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onQuality(@Observes org.openvisit.visit.application.VisitQualityLearned learned) {
        refresh(learned.visitId());
    }

    private void refresh(java.util.UUID visitId) {
        SummaryWriter.refresh(regions.ofVisit(visitId), environments, visitId, settings.noShowGrace(), clock.instant());
    }
}
