package org.openvisit.report.application;

import jakarta.enterprise.event.Event;
import org.junit.jupiter.api.Test;
import org.openvisit.region.application.RegionDirectory;
import org.openvisit.region.domain.model.RegionalStore;
import org.openvisit.report.domain.model.VisitSummary;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.visit.application.VisitDetailsLearned;
import org.openvisit.visit.application.VisitOrchestrationService;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitKeyKind;

import java.lang.reflect.Field;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

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

    VisitDetailsSummaryTest() throws Exception {
        RegionalStore store = new RegionalStore(DataRegion.AMERICAS,
                stub(org.openvisit.visit.domain.model.VisitRepository.class, Map.of(
                        "findForUpdate", a -> Optional.of(visit), "find", a -> Optional.of(visit))),
                stub(org.openvisit.visit.domain.model.CallQualityRepository.class, Map.of()),
                null, null,
                stub(org.openvisit.writeback.domain.model.DeliveryTaskRepository.class, Map.of()),
                stub(org.openvisit.report.domain.model.VisitSummaryRepository.class, Map.of(
                        "find", a -> stored.stream().findFirst(),
                        "add", a -> stored.add((VisitSummary) a[0]))),
                null,
                stub(org.openvisit.notify.domain.model.SmsFeedRepository.class, Map.of()),
                null, null, null);
        RegionDirectory regions = new RegionDirectory() {
            @Override
            public RegionalStore ofVisit(UUID visitId) {
                return store;
            }
        };
        set(projector, "regions", regions);
        set(projector, "settings", new ReportSettings());
        set(projector, "environments", new EndpointEnvironments() {
            @Override
            public FhirEnvironment of(UUID endpointId) {
                return FhirEnvironment.PRODUCTION;
            }
        });
        set(visits, "regions", regions);
        set(visits, "learned", stub(Event.class, Map.of("fire", a -> {
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

    @SuppressWarnings("unchecked")
    private static <T> T stub(Class<T> type, Map<String, Function<Object[], Object>> answers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            Function<Object[], Object> answer = answers.get(method.getName());
            if (answer != null) {
                return answer.apply(args);
            }
            Class<?> r = method.getReturnType();
            if (r == Optional.class) {
                return Optional.empty();
            }
            if (List.class.isAssignableFrom(r)) {
                return List.of();
            }
            if (r == boolean.class) {
                return false;
            }
            if (r == int.class || r == long.class) {
                return r == int.class ? (Object) 0 : (Object) 0L;
            }
            return null;
        });
    }

    private static void set(Object target, String name, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(name);
        f.setAccessible(true);
        f.set(target, value);
    }
}
