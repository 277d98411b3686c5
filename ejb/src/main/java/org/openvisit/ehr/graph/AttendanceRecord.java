package org.openvisit.ehr.graph;

import java.time.Instant;
import java.util.List;

/**
 * One attendee of an attendance report (Graph's {@code attendanceRecord}), reduced to what OpenVisit may keep: the
 * attendee's Graph id (an Entra object id, or Teams' id of an anonymous guest; {@code null} when Graph gives none),
 * their role in the meeting ({@code Organizer}, {@code Presenter}, {@code Attendee}, {@code None}), the tenant of
 * their identity ({@code null} for anonymous guests and when Graph leaves it out) and their attendance intervals.
 * Graph's display name and e-mail address are never read into it.
 */
public record AttendanceRecord(String attendeeId, String role, String tenantId, List<Interval> intervals) {

    public AttendanceRecord {
        intervals = List.copyOf(intervals);
    }

    /** Whether Graph names this attendee the meeting's organizer. */
    public boolean organizer() {
        return "Organizer".equalsIgnoreCase(role);
    }

    /** A time between joining and leaving: {@code leave} is {@code null} while Graph has none (still there). */
    public record Interval(Instant join, Instant leave) {
    }
}
