package org.openvisit.report.domain.model;

import org.junit.jupiter.api.Test;
import org.openvisit.tenant.domain.model.DataRegion;
import org.openvisit.tenant.domain.model.FhirEnvironment;
import org.openvisit.visit.domain.model.AppointmentHash;
import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.CallQuality;
import org.openvisit.visit.domain.model.QualitySample;
import org.openvisit.visit.domain.model.Visit;
import org.openvisit.visit.domain.model.VisitEvent;
import org.openvisit.visit.domain.model.VisitEventType;
import org.openvisit.visit.domain.model.VisitKeyKind;
import org.openvisit.writeback.domain.model.DeliveryStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What a visit's summary makes of what is not presence: call quality (verdict, means weighted by samples, worst),
 * device tests, write-back tasks, SMS sent, the endpoint's environment and a cancelled appointment.
 */
class SummaryMappingTest {

    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private static final Duration GRACE = Duration.ofMinutes(15);

    private final Visit visit = Visit.schedule(UUID.randomUUID(), UUID.randomUUID(), DataRegion.AMERICAS,
            VisitKeyKind.APPOINTMENT, new AppointmentHash("ab".repeat(32)), "Location/cardio", T0);

    private CallQuality quality(String attendee, AttendeeRole role, QualitySample... samples) {
        CallQuality q = CallQuality.start(visit, attendee, role, samples[0], T0);
        for (int i = 1; i < samples.length; i++) {
            q.add(samples[i], T0.plusSeconds(i));
        }
        return q;
    }

    private static QualitySample sample(double rtt, double jitter, double loss, double fps) {
        return new QualitySample(rtt, jitter, loss, fps, 900.0);
    }

    @Test
    void withoutFiguresTheQualityIsNoData() {
        assertThat(VisitQuality.of(List.of())).isEqualTo(VisitQuality.NO_DATA);
    }

    @Test
    void meansWeighBySamplesAndTheWorstIsTheHighestOrForFramesTheLowestMean() {
        CallQuality patient = quality("p", AttendeeRole.PATIENT, sample(100, 10, 1, 30), sample(200, 20, 3, 20));
        CallQuality clinician = quality("c", AttendeeRole.PROVIDER, sample(60, 4, 0, 28));
        VisitQuality q = VisitQuality.of(List.of(patient, clinician));
        assertThat(q.verdict()).isEqualTo(QualityVerdict.FINE);
        assertThat(q.rttMs()).isCloseTo(120.0, within(1e-9)); // (100 + 200 + 60) / 3
        assertThat(q.rttWorstMs()).isEqualTo(200.0);
        assertThat(q.jitterMs()).isCloseTo(34.0 / 3, within(1e-9));
        assertThat(q.lossWorstPercent()).isEqualTo(3.0);
        assertThat(q.fps()).isCloseTo(26.0, within(1e-9));
        assertThat(q.fpsWorst()).isEqualTo(25.0); // the patient's mean, lower than the clinician's 28
    }

    @Test
    void oneAttendeesPoorCallMakesTheVisitPoorByTheProviderPagesScale() {
        CallQuality good = quality("c", AttendeeRole.PROVIDER, sample(50, 2, 0, 30));
        assertThat(VisitQuality.of(List.of(good, quality("p", AttendeeRole.PATIENT, sample(450, 5, 0, 30))))
                .verdict()).as("round-trip time over 400 ms").isEqualTo(QualityVerdict.POOR);
        assertThat(VisitQuality.of(List.of(good, quality("p", AttendeeRole.PATIENT, sample(50, 5, 9, 30))))
                .verdict()).as("loss over 8 %").isEqualTo(QualityVerdict.POOR);
        assertThat(VisitQuality.of(List.of(good, quality("p", AttendeeRole.PATIENT, sample(50, 120, 0, 30))))
                .verdict()).as("jitter over 100 ms").isEqualTo(QualityVerdict.POOR);
        assertThat(VisitQuality.of(List.of(good, quality("p", AttendeeRole.PATIENT, sample(600, 5, 0, 30),
                sample(100, 5, 0, 30), sample(100, 5, 0, 30), sample(100, 5, 0, 30))))
                .verdict()).as("one bad second in a good call: the mean decides").isEqualTo(QualityVerdict.FINE);
    }

    @Test
    void theLatestDeviceTestOfEachPersonCounts() {
        List<VisitEvent> events = new ArrayList<>();
        assertThat(DeviceTestResult.of(events)).isEqualTo(DeviceTestResult.NOT_DONE);
        events.add(visit.recordEvent(VisitEventType.DEVICE_TEST, AttendeeRole.PATIENT, "p",
                "Camera does not work. Microphone works. Speaker works. Connection works.", T0));
        assertThat(DeviceTestResult.of(events)).isEqualTo(DeviceTestResult.PROBLEM);
        events.add(visit.recordEvent(VisitEventType.DEVICE_TEST, AttendeeRole.PATIENT, "p",
                "Camera works. Microphone works. Speaker not tested. Connection works.", T0.plusSeconds(60)));
        assertThat(DeviceTestResult.of(events)).as("tested again, fixed; a skipped check is no problem")
                .isEqualTo(DeviceTestResult.PASSED);
        events.add(visit.recordEvent(VisitEventType.DEVICE_TEST, AttendeeRole.GUEST, "g",
                "Camera was not allowed by the browser. Microphone works. Speaker works. Connection works.",
                T0.plusSeconds(90)));
        assertThat(DeviceTestResult.of(events)).isEqualTo(DeviceTestResult.PROBLEM);
    }

    @Test
    void writeBackStateOverTheTasks() {
        assertThat(WriteBackState.of(List.of(), null)).isEqualTo(WriteBackState.NONE);
        assertThat(WriteBackState.of(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.DELIVERED), null))
                .isEqualTo(WriteBackState.DELIVERED);
        assertThat(WriteBackState.of(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.RETRYING), null))
                .isEqualTo(WriteBackState.PENDING);
        assertThat(WriteBackState.of(List.of(DeliveryStatus.IN_FLIGHT, DeliveryStatus.FAILED), null))
                .as("a dead letter outweighs the rest").isEqualTo(WriteBackState.DEAD_LETTER);
        assertThat(WriteBackState.of(List.of(DeliveryStatus.DELIVERED, DeliveryStatus.DISCARDED), null))
                .isEqualTo(WriteBackState.DISCARDED);
        assertThat(WriteBackState.of(List.of(), WriteBackState.DELIVERED))
                .as("delivered tasks purged later: the state stays").isEqualTo(WriteBackState.DELIVERED);
    }

    @Test
    void aCancelledAppointmentIsCancelledUnlessTheVisitTookPlace() {
        assertThat(ReportStatus.of(ReportStatus.OPEN, true)).isEqualTo(ReportStatus.CANCELLED);
        assertThat(ReportStatus.of(ReportStatus.NO_SHOW, true)).isEqualTo(ReportStatus.CANCELLED);
        assertThat(ReportStatus.of(ReportStatus.ENDED_WITHOUT_PATIENT, true)).isEqualTo(ReportStatus.CANCELLED);
        assertThat(ReportStatus.of(ReportStatus.COMPLETED, true)).isEqualTo(ReportStatus.COMPLETED);
        assertThat(ReportStatus.of(ReportStatus.NO_SHOW, false)).isEqualTo(ReportStatus.NO_SHOW);
    }

    @Test
    void theSummaryTakesEverythingFromItsEventsAndExtras() {
        visit.bookedFor(T0, T0.plusSeconds(1800));
        List<VisitEvent> events = new ArrayList<>();
        events.add(visit.recordEvent(VisitEventType.SMS_SENT, AttendeeRole.PROVIDER, "c", null, T0.minusSeconds(600)));
        events.add(visit.recordEvent(VisitEventType.SMS_SENT, AttendeeRole.PROVIDER, "c", null, T0.minusSeconds(60)));
        events.add(visit.recordEvent(VisitEventType.DEVICE_TEST, AttendeeRole.PATIENT, "p",
                "Camera works. Microphone works. Speaker works. Connection works.", T0));
        VisitSummary s = VisitSummary.of(visit);
        s.refresh(visit, List.of("dr.a"), events, GRACE, T0.plusSeconds(60), new SummaryExtras(
                FhirEnvironment.TEST, List.of(quality("p", AttendeeRole.PATIENT, sample(500, 5, 0, 30))),
                List.of(DeliveryStatus.PENDING), true));
        assertThat(s.smsSent()).isEqualTo(2);
        assertThat(s.environment()).contains("TEST");
        assertThat(s.quality().verdict()).isEqualTo(QualityVerdict.POOR);
        assertThat(s.deviceTest()).isEqualTo(DeviceTestResult.PASSED);
        assertThat(s.writeBack()).isEqualTo(WriteBackState.PENDING);
        assertThat(s.status()).isEqualTo(ReportStatus.CANCELLED);

        s.refresh(visit, List.of("dr.a"), events, GRACE, T0.plusSeconds(60));
        assertThat(s.status()).as("without the feed's cancellation: open").isEqualTo(ReportStatus.OPEN);
        assertThat(s.writeBack()).as("no tasks any more: kept").isEqualTo(WriteBackState.PENDING);
        assertThat(s.quality()).isEqualTo(VisitQuality.NO_DATA);
    }
}
