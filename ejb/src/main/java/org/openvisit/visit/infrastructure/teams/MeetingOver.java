package org.openvisit.visit.infrastructure.teams;

import org.openvisit.visit.domain.model.AttendeeRole;
import org.openvisit.visit.domain.model.VisitEventType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a read of a Teams meeting's attendance leaves its visit. Graph cannot end a Teams meeting app-only, and no
 * OpenVisit page is on the clinician's way to end the visit, so the meeting's attendance decides:
 * <ul>
 *   <li>the new edges are recorded in time order; a join at or after the end of an ended visit is refused (kept as
 *       seen, not recorded), except the organizer's: the visit starts again ({@link VisitEventType#VISIT_RESTARTED} of
 *       the {@link AttendeeRole#PROVIDER}, at that join) just before it;</li>
 *   <li>an open visit then ends ({@link VisitEventType#VISIT_ENDED} of the visit itself, role {@code null}) when the
 *       meeting has at least one attendance report, nobody is still in (every interval has its leave) and its last
 *       session has been over for the quiet period; the end is at that session's end
 *       ({@link AttendanceRead#lastSessionEnd()}), not at the read, so that the visit's duration stays true.</li>
 * </ul>
 */
public final class MeetingOver {

    /** One thing to do with the visit, in order: record an event and/or keep an edge's key as seen. */
    public record Step(VisitEventType type, AttendeeRole role, String attendeeId, Instant at, String markKey,
                       boolean recorded) {

        static Step of(AttendanceEdges.Edge e) {
            return new Step(e.type(), e.role(), e.attendeeId(), e.at(), e.key(), true);
        }

        static Step refused(AttendanceEdges.Edge e) {
            return new Step(e.type(), e.role(), e.attendeeId(), e.at(), e.key(), false);
        }

        static Step restart(AttendanceEdges.Edge organizerJoin) {
            return new Step(VisitEventType.VISIT_RESTARTED, AttendeeRole.PROVIDER, organizerJoin.attendeeId(),
                    organizerJoin.at(), null, true);
        }

        static Step end(Instant at) {
            return new Step(VisitEventType.VISIT_ENDED, null, null, at, null, true);
        }
    }

    private final Duration quiet;

    MeetingOver(Duration quiet) {
        if (quiet.isNegative()) {
            throw new IllegalArgumentException("The quiet period cannot be negative");
        }
        this.quiet = quiet;
    }

    Duration quiet() {
        return quiet;
    }

    /**
     * The steps of one read.
     *
     * @param endedAt when the visit ended, {@code null} while it is open
     * @param marked  the keys of the read's edges seen before (recorded or refused)
     */
    List<Step> steps(Instant endedAt, AttendanceRead read, Set<String> marked, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Step> steps = new ArrayList<>();
        Instant ended = endedAt;
        for (AttendanceEdges.Edge edge : read.edges()) {
            if (marked.contains(edge.key())) {
                continue;
            }
            boolean joinAfterEnd = ended != null && edge.type() == VisitEventType.CONNECTED
                    && !edge.at().isBefore(ended);
            if (joinAfterEnd && edge.role() == AttendeeRole.PROVIDER) {
                steps.add(Step.restart(edge));
                ended = null;
            } else if (joinAfterEnd) {
                steps.add(Step.refused(edge));
                continue;
            }
            steps.add(Step.of(edge));
        }
        Instant over = read.lastSessionEnd();
        if (ended == null && !read.reports().isEmpty() && !read.someoneIn() && over != null
                && !now.isBefore(over.plus(quiet))) {
            steps.add(Step.end(over));
        }
        return steps;
    }
}
