package org.openvisit.ehr.graph;

import java.time.Instant;

/**
 * One of an online meeting's attendance reports (Graph's {@code meetingAttendanceReport}): Teams makes one for each
 * session of the meeting once that session is over. Start and end are {@code null} when Graph does not say.
 */
public record AttendanceReport(String id, Instant meetingStart, Instant meetingEnd) {
}
