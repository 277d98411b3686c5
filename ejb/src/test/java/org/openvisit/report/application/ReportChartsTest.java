package org.openvisit.report.application;

import org.junit.jupiter.api.Test;
import org.openvisit.report.domain.model.QualitySums;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReportChartsTest {

    private static final Instant DAY = Instant.parse("2026-12-01T00:00:00Z");

    private static ReportCharts withQuality(ReportCharts.QualityDay... days) {
        return new ReportCharts(List.of(), Map.of(), List.of(), List.of(days));
    }

    private static ReportCharts.QualityDay day(int d, QualitySums sums) {
        return new ReportCharts.QualityDay(LocalDate.of(2026, 12, d), sums);
    }

    @Test
    void aRangeWithoutCallFiguresHasNoQualityChart() {
        assertThat(withQuality().hasQuality()).as("no days").isFalse();
        assertThat(withQuality(day(1, QualitySums.none(DAY)), day(2, QualitySums.none(DAY))).hasQuality()).isFalse();
        assertThat(withQuality(day(1, QualitySums.none(DAY)),
                day(2, new QualitySums(DAY, 0, 0, 0, 0, 0, 0, 24, 1))).hasQuality()).as("one figure on one day")
                .isTrue();
    }

    @Test
    void aDaysFiguresAreMeansToOneDecimalAndAFigureNeverMeasuredIsAGap() {
        // rtt 100 ms over 3 samples, jitter never measured, loss 1 % over 3, fps 70 over 3
        ReportCharts.QualityDay d = day(1, new QualitySums(DAY, 100, 3, 0, 0, 1, 3, 70, 3));
        assertThat(d.rttMs()).isEqualTo(33.3);
        assertThat(d.jitterMs()).as("no samples: no figure, not zero").isNull();
        assertThat(d.lossPercent()).isEqualTo(0.3);
        assertThat(d.fps()).isEqualTo(23.3);
        ReportCharts.QualityDay none = day(2, QualitySums.none(DAY));
        assertThat(none.rttMs()).isNull();
        assertThat(none.fps()).isNull();
    }
}
