package org.openvisit.visit.infrastructure.teams;

import org.openvisit.ehr.graph.AttendanceRecord;
import org.openvisit.ehr.graph.AttendanceReport;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one read of a Teams meeting's attendance gave: its reports (one per session of the meeting that is over, with
 * Graph's start and end of that session), the edges of all their records, and whether anyone's attendance interval has
 * no leave yet (someone still in).
 */
public record AttendanceRead(List<AttendanceReport> reports, List<AttendanceEdges.Edge> edges, boolean someoneIn) {

    public AttendanceRead {
        reports = List.copyOf(reports);
        edges = List.copyOf(edges);
    }

    /** The read of these reports and their records, in the visit's terms (see {@link AttendanceEdges}). */
    static AttendanceRead of(UUID visitId, String ownTenant, List<AttendanceReport> reports,
                             List<AttendanceRecord> records) {
        boolean someoneIn = records.stream().flatMap(r -> r.intervals().stream()).anyMatch(i -> i.leave() == null);
        return new AttendanceRead(reports, AttendanceEdges.of(visitId, ownTenant, records), someoneIn);
    }

    /**
     * When the meeting's last session was over: the latest of the reports' session ends and of the edges (a join or
     * leave that Graph reports after its session's end still comes first); {@code null} without any of them.
     */
    Instant lastSessionEnd() {
        return java.util.stream.Stream.concat(reports.stream().map(AttendanceReport::meetingEnd),
                        edges.stream().map(AttendanceEdges.Edge::at))
                .filter(Objects::nonNull).max(Instant::compareTo).orElse(null);
    }
}
