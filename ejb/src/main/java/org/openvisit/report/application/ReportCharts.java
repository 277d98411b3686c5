package org.openvisit.report.application;

import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.QualitySums;
import org.openvisit.report.domain.model.ReportStatus;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of the report's charts: visits per day of the viewer's zone by status (every day of the range), lobby
 * waits per bucket, visits per hour of day in the viewer's zone (24 values, index = hour), and call quality per day
 * (every day of the range; a day without calls has no figures).
 */
public record ReportCharts(List<Day> days, Map<LobbyWaitBucket, Long> lobbyWaits, List<Long> hours,
                           List<QualityDay> quality) implements Serializable {

    public ReportCharts {
        days = List.copyOf(days);
        lobbyWaits = Map.copyOf(lobbyWaits);
        hours = List.copyOf(hours);
        quality = List.copyOf(quality);
    }

    /** Whether any call of the range sent quality figures (otherwise the page says so in words, with no chart). */
    public boolean hasQuality() {
        return quality.stream().anyMatch(d -> !d.sums().isEmpty());
    }

    /** One day's call quality: means weighted by samples over every attendee of that day's visits. */
    public record QualityDay(LocalDate date, QualitySums sums) implements Serializable {

        /** Round-trip time in ms to one decimal, or {@code null} on a day without that figure (a gap in the chart). */
        public Double rttMs() {
            return value(sums.rttMs());
        }

        /** Jitter in ms to one decimal, or {@code null}. */
        public Double jitterMs() {
            return value(sums.jitterMs());
        }

        /** Packet loss in per cent to one decimal, or {@code null}. */
        public Double lossPercent() {
            return value(sums.lossPercent());
        }

        /** Received frames per second to one decimal, or {@code null}. */
        public Double fps() {
            return value(sums.fps());
        }

        private static Double value(OptionalDouble d) {
            return d.isPresent() ? Math.round(d.getAsDouble() * 10) / 10.0 : null;
        }
    }

    /** One day's visits by status (every status present, 0 when none). */
    public record Day(LocalDate date, Map<ReportStatus, Long> visits) implements Serializable {

        public Day {
            visits = Map.copyOf(visits);
        }

        public long count(ReportStatus status) {
            return visits.getOrDefault(status, 0L);
        }

        public long total() {
            return visits.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
