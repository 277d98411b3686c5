package org.openvisit.visit.application;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.CallQualityRepository;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitStatus;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the call-quality aggregates of the built-in rooms: each browser report is folded into its
 * attendee's one row for the visit (count, mean, maximum), so nothing grows per second.
 */
@Stateless
public class CallQualityService {

    @jakarta.ejb.EJB
    private RegionDirectory regions;

    @Inject
    private Event<VisitQualityLearned> learned;

    private final Clock clock = Clock.systemUTC();

    /** Adds one report of an attendee's browser; an empty report changes nothing. */
    public void record(@NotNull UUID visitId, @NotBlank String attendeeId, @NotNull AttendeeRole role,
                       @NotNull QualitySample sample) {
        if (sample.isEmpty()) {
            return;
        }
        RegionalStore store = regions.ofVisit(visitId);
        CallQualityRepository qualities = store.callQuality();
        Visit visit = store.visits().find(visitId).orElseThrow(VisitNotFoundException::new);
        var existing = qualities.find(visitId, attendeeId);
        if (existing.isPresent()) {
            existing.get().add(sample, clock.instant());
        } else {
            qualities.add(CallQuality.start(visit, attendeeId, role, sample, clock.instant()));
        }
        if (visit.status() == VisitStatus.ENDED) {
            // a browser's last report that crossed the end: the visit's report row was made at the end, make it again
            learned.fire(new VisitQualityLearned(visitId));
        }
    }

    /** The visit's aggregates, one per attendee who reported. */
    public List<CallQualityView> of(@NotNull UUID visitId) {
        return regions.ofVisit(visitId).callQuality().ofVisit(visitId).stream().map(CallQualityView::of).toList();
    }
}
