package org.openvisit.report.application;

import org.openvisit.report.domain.model.LobbyWaitBucket;
import org.openvisit.report.domain.model.ReportStatus;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The figures of the report's charts: visits per day of the viewer's zone by status (every day of the range), lobby
 * waits per bucket, and visits per hour of day in the viewer's zone (24 values, index = hour).
 */
public record ReportCharts(List<Day> days, Map<LobbyWaitBucket, Long> lobbyWaits, List<Long> hours)
        implements Serializable {

    public ReportCharts {
        days = List.copyOf(days);
        lobbyWaits = Map.copyOf(lobbyWaits);
        hours = List.copyOf(hours);
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
