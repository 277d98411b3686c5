package org.openvisit.report.application;

import jakarta.enterprise.event.Event;
import org.junit.jupiter.api.Test;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.shared.testing.Stubs;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.visit.application.VisitDetailsLearned;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitKeyKind;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a visit learns from the EHR after its report row exists (the department's name, the booked time) reaches the
 * row at once, as an event would, not only when the visit's next event makes the row again.
 */
class VisitDetailsSummaryTest {

    private static final Instant T0 = Instant.parse("2026-12-05T09:00:00Z");

    private final Visit visit = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), DataRegion.AMERICAS,
            VisitKeyKind.APPOINTMENT, new AppointmentHash("a".repeat(64)), "loc-riverside-virtual", T0);
    private final List<VisitSummary> stored = new ArrayList<>();
    private final List<Object> fired = new ArrayList<>();
    private final VisitSummaryProjector projector = new VisitSummaryProjector();
    private final VisitOrchestrationService visits = new VisitOrchestrationService();

    VisitDetailsSummaryTest() {
        RegionalStore store = new RegionalStore(DataRegion.AMERICAS,
                Stubs.of(org.openvisit.visit.domain.model.VisitRepository.class, Map.of(
                        "findForUpdate", a -> Optional.of(visit), "find", a -> Optional.of(visit))),
                Stubs.of(org.openvisit.visit.domain.model.CallQualityRepository.class, Map.of()),
                null, null,
                Stubs.of(org.openvisit.writeback.domain.model.DeliveryTaskRepository.class, Map.of()),
                Stubs.of(org.openvisit.report.domain.model.VisitSummaryRepository.class, Map.of(
                        "find", a -> stored.stream().findFirst(),
                        "add", a -> stored.add((VisitSummary) a[0]))),
                null,
                Stubs.of(org.openvisit.notify.domain.model.SmsFeedRepository.class, Map.of()),
                null, null, null);
        RegionDirectory regions = new RegionDirectory() {
            @Override
            public RegionalStore ofVisit(UUID visitId) {
                return store;
            }
        };
        Stubs.inject(projector, "regions", regions);
        Stubs.inject(projector, "settings", new ReportSettings());
        Stubs.inject(projector, "environments", new EndpointEnvironments() {
            @Override
            public FhirEnvironment of(UUID endpointId) {
                return FhirEnvironment.PRODUCTION;
            }
        });
        Stubs.inject(visits, "regions", regions);
        Stubs.inject(visits, "learned", Stubs.of(Event.class, Map.of("fire", a -> {
            fired.add(a[0]);
            projector.onDetails((VisitDetailsLearned) a[0]); // as CDI calls the observer, in the same transaction
            return null;
        })));
    }

    @Test
    void aDepartmentNameLearnedAfterTheRowExistsReachesTheRow() {
        projector.onDetails(new VisitDetailsLearned(visit.id())); // the row, made before the EHR named the department
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).departmentName()).isEmpty();
        assertThat(ReportRow.of(stored.get(0), "EHR").department()).isEqualTo("loc-riverside-virtual");

        visits.recordDepartmentName(visit.id(), "Riverside Virtual Care");

        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).departmentName()).contains("Riverside Virtual Care");
        assertThat(ReportRow.of(stored.get(0), "EHR").department()).isEqualTo("Riverside Virtual Care");
        assertThat(fired).containsExactly(new VisitDetailsLearned(visit.id()));
    }

    @Test
    void theBookedTimeLearnedLaterReachesTheRowAndNothingUnchangedIsAnnounced() {
        visits.recordBookedTime(visit.id(), T0.plus(Duration.ofHours(2)), T0.plus(Duration.ofHours(3)));
        assertThat(stored).as("a row made at once when there was none").hasSize(1);
        assertThat(stored.get(0).bookedStart()).contains(T0.plus(Duration.ofHours(2)));

        visits.recordBookedTime(visit.id(), T0, null); // known already: kept, nothing announced
        visits.recordDepartmentName(visit.id(), "Riverside Virtual Care");
        visits.recordDepartmentName(visit.id(), "Riverside Virtual Care");
        assertThat(fired).hasSize(2);
        assertThat(stored.get(0).bookedStart()).contains(T0.plus(Duration.ofHours(2)));
    }
}
