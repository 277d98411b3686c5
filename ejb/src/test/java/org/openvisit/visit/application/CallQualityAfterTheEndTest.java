package org.openvisit.visit.application;

import jakarta.enterprise.event.Event;
import org.junit.jupiter.api.Test;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.shared.testing.Stubs;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.CallQualityRepository;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.visit.domain.model.VisitRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's call figures that cross the visit's end (the report was on its way when the clinician ended the visit)
 * make the visit's report row again, as figures learned after the events do; during the call they do not (the
 * visit's next event does, and a summary per report would be a write every few seconds per attendee).
 */
class CallQualityAfterTheEndTest {

    private static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");
    private static final QualitySample FIGURES = new QualitySample(120.0, 8.0, 1.5, 24.0, null);

    private final Visit visit = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), DataRegion.EMEA,
            VisitKeyKind.APPOINTMENT, new AppointmentHash("b".repeat(64)), "loc-1", T0);
    private final List<CallQuality> aggregates = new ArrayList<>();
    private final List<Object> fired = new ArrayList<>();
    private final CallQualityService service = new CallQualityService();

    CallQualityAfterTheEndTest() {
        RegionalStore store = new RegionalStore(DataRegion.EMEA,
                Stubs.of(VisitRepository.class, Map.of("find", a -> Optional.of(visit))),
                Stubs.of(CallQualityRepository.class, Map.of(
                        "find", a -> aggregates.stream().findFirst(),
                        "add", a -> aggregates.add((CallQuality) a[0]))),
                null, null, null, null, null, null, null, null, null);
        Stubs.inject(service, "regions", new RegionDirectory() {
            @Override
            public RegionalStore ofVisit(UUID visitId) {
                return store;
            }
        });
        Stubs.inject(service, "learned", Stubs.of(Event.class, Map.of("fire", a -> fired.add(a[0]))));
    }

    @Test
    void figuresDuringTheVisitMakeNoRowAgain() {
        service.record(visit.id(), "attendee-1", AttendeeRole.PATIENT, FIGURES);
        service.record(visit.id(), "attendee-1", AttendeeRole.PATIENT, FIGURES);

        assertThat(aggregates).hasSize(1);
        assertThat(fired).isEmpty();
    }

    @Test
    void figuresAfterTheEndMakeTheVisitsRowAgain() {
        service.record(visit.id(), "attendee-1", AttendeeRole.PATIENT, FIGURES);
        visit.end(T0.plusSeconds(600));

        service.record(visit.id(), "attendee-1", AttendeeRole.PATIENT, FIGURES);

        assertThat(fired).containsExactly(new VisitQualityLearned(visit.id()));
    }

    @Test
    void anEmptyReportChangesNothing() {
        visit.end(T0.plusSeconds(600));

        service.record(visit.id(), "attendee-1", AttendeeRole.PATIENT,
                new QualitySample(null, null, null, null, null));

        assertThat(aggregates).isEmpty();
        assertThat(fired).isEmpty();
    }
}
