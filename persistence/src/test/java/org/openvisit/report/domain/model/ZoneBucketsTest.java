package org.openvisit.report.domain.model;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ZoneBucketsTest {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-31T00:00:00Z");

    @Test
    void wholeHourZonesGroupByTheHourEvenAcrossDaylightSavingChanges() {
        assertThat(ZoneBuckets.width(ZoneId.of("UTC"), FROM, TO)).isEqualTo(3600);
        assertThat(ZoneBuckets.width(ZoneId.of("Europe/Moscow"), FROM, TO)).isEqualTo(3600);
        assertThat(ZoneBuckets.width(ZoneId.of("America/New_York"), FROM, TO)).isEqualTo(3600);
        assertThat(ZoneBuckets.width(ZoneId.of("Asia/Shanghai"), FROM, TO)).isEqualTo(3600);
    }

    @Test
    void halfAndQuarterHourZonesGroupFiner() {
        assertThat(ZoneBuckets.width(ZoneId.of("Asia/Kolkata"), FROM, TO)).isEqualTo(1800);
        assertThat(ZoneBuckets.width(ZoneId.of("Asia/Kathmandu"), FROM, TO)).isEqualTo(900);
        // Lord Howe Island changes by half an hour in summer: +10:30 / +11:00
        assertThat(ZoneBuckets.width(ZoneId.of("Australia/Lord_Howe"), FROM, TO)).isEqualTo(1800);
    }

    @Test
    void hoursAreTheViewersLocalHours() {
        List<TimeBucketCount> counts = List.of(
                new TimeBucketCount(Instant.parse("2026-07-01T13:00:00Z"), ReportStatus.COMPLETED, 3),
                new TimeBucketCount(Instant.parse("2026-01-15T13:00:00Z"), ReportStatus.NO_SHOW, 2),
                new TimeBucketCount(Instant.parse("2026-07-01T23:00:00Z"), ReportStatus.OPEN, 1));
        long[] newYork = ZoneBuckets.hours(counts, ZoneId.of("America/New_York"));
        assertThat(newYork[9]).as("13:00Z in summer (EDT, -4)").isEqualTo(3);
        assertThat(newYork[8]).as("13:00Z in winter (EST, -5)").isEqualTo(2);
        assertThat(newYork[19]).isEqualTo(1);
        assertThat(ZoneBuckets.hours(counts, ZoneId.of("Asia/Shanghai"))[7]).as("23:00Z is 07:00 the next day")
                .isEqualTo(1);
        long[] kolkata = ZoneBuckets.hours(List.of(
                new TimeBucketCount(Instant.parse("2026-07-01T13:30:00Z"), ReportStatus.COMPLETED, 4),
                new TimeBucketCount(Instant.parse("2026-07-01T13:00:00Z"), ReportStatus.COMPLETED, 5)),
                ZoneId.of("Asia/Kolkata"));
        assertThat(kolkata[19]).as("13:30Z = 19:00 IST").isEqualTo(4);
        assertThat(kolkata[18]).as("13:00Z = 18:30 IST").isEqualTo(5);
    }

    @Test
    void daysAreLocalAndEveryDayOfTheRangeIsThere() {
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        List<TimeBucketCount> counts = List.of(
                new TimeBucketCount(Instant.parse("2026-03-01T16:00:00Z"), ReportStatus.COMPLETED, 2), // 3-02 01:00
                new TimeBucketCount(Instant.parse("2026-03-01T14:00:00Z"), ReportStatus.NO_SHOW, 1), // 3-01 23:00
                new TimeBucketCount(Instant.parse("2026-03-09T00:00:00Z"), ReportStatus.NO_SHOW, 7)); // outside
        Map<LocalDate, Map<ReportStatus, Long>> days = ZoneBuckets.days(counts, tokyo, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 3));
        assertThat(days.keySet()).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 3));
        assertThat(days.get(LocalDate.of(2026, 3, 1))).containsEntry(ReportStatus.NO_SHOW, 1L)
                .containsEntry(ReportStatus.COMPLETED, 0L);
        assertThat(days.get(LocalDate.of(2026, 3, 2))).containsEntry(ReportStatus.COMPLETED, 2L);
        assertThat(days.get(LocalDate.of(2026, 3, 3)).values()).containsOnly(0L);
    }

    @Test
    void callQualityIsAddedUpPerLocalDayAndADayWithoutCallsIsEmpty() {
        ZoneId newYork = ZoneId.of("America/New_York");
        List<QualitySums> buckets = List.of(
                new QualitySums(Instant.parse("2026-03-02T03:00:00Z"), 300, 3, 30, 3, 3, 3, 60, 3), // 3-01 22:00
                new QualitySums(Instant.parse("2026-03-02T04:00:00Z"), 100, 1, 10, 1, 1, 1, 20, 1), // 3-01 23:00
                new QualitySums(Instant.parse("2026-03-02T05:00:00Z"), 50, 1, 0, 0, 0, 0, 0, 0), // 3-02 00:00
                new QualitySums(Instant.parse("2026-03-09T00:00:00Z"), 999, 1, 0, 0, 0, 0, 0, 0)); // outside
        Map<LocalDate, QualitySums> days = ZoneBuckets.qualityDays(buckets, newYork, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 3));
        assertThat(days.keySet()).containsExactly(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 3, 3));
        QualitySums first = days.get(LocalDate.of(2026, 3, 1));
        assertThat(first.rttMs()).as("weighted by samples: (300 + 100) / 4").hasValue(100.0);
        assertThat(first.fps()).hasValue(20.0);
        assertThat(first.start()).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
        assertThat(days.get(LocalDate.of(2026, 3, 2)).rttMs()).hasValue(50.0);
        assertThat(days.get(LocalDate.of(2026, 3, 2)).jitterMs()).as("never measured that day").isEmpty();
        assertThat(days.get(LocalDate.of(2026, 3, 3)).isEmpty()).isTrue();
    }

    @Test
    void bucketsStartAtMultiplesOfTheirWidth() {
        assertThat(ZoneBuckets.bucketOf(Instant.parse("2026-07-01T13:47:12Z"), 1800))
                .isEqualTo(Instant.parse("2026-07-01T13:30:00Z"));
    }
}
