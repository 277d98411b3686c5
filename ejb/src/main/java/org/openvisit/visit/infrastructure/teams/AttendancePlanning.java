package org.openvisit.visit.infrastructure.teams;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The installation's {@link AttendancePollPlan} and {@link MeetingOver}: {@code openvisit.teams.attendance-interval-seconds}
 * (default 120, at least 1) between reads of an open visit's Teams attendance, and
 * {@code openvisit.teams.meeting-over-after} (ISO-8601, default {@value #DEFAULT_MEETING_OVER_AFTER}, at most
 * {@link #MAX_MEETING_OVER_AFTER}) that a Teams meeting's last session must have been over, with nobody back, before
 * its visit ends.
 */
@ApplicationScoped
public class AttendancePlanning {

    static final String DEFAULT_MEETING_OVER_AFTER = "PT15M";
    /** Well within {@link AttendancePollPlan#MAX_WATCH}, so that a visit can still end while its meeting is watched. */
    static final Duration MAX_MEETING_OVER_AFTER = Duration.ofHours(6);

    @Inject
    @ConfigProperty(name = "openvisit.teams.attendance-interval-seconds", defaultValue = "120")
    private long intervalSeconds;

    @Inject
    @ConfigProperty(name = "openvisit.teams.meeting-over-after", defaultValue = DEFAULT_MEETING_OVER_AFTER)
    private String meetingOverAfter;

    private AttendancePollPlan plan;
    private MeetingOver meetingOver;

    @PostConstruct
    void check() {
        if (intervalSeconds < 1 || intervalSeconds > 3600) {
            throw new IllegalStateException("openvisit.teams.attendance-interval-seconds must be 1-3600, not "
                    + intervalSeconds);
        }
        plan = new AttendancePollPlan(Duration.ofSeconds(intervalSeconds));
        meetingOver = new MeetingOver(quietPeriod(meetingOverAfter));
    }

    static Duration quietPeriod(String text) {
        Duration quiet;
        try {
            quiet = Duration.parse(text == null ? "" : text.strip());
        } catch (DateTimeParseException e) {
            quiet = null;
        }
        if (quiet == null || quiet.isNegative() || quiet.compareTo(MAX_MEETING_OVER_AFTER) > 0) {
            throw new IllegalStateException("openvisit.teams.meeting-over-after must be an ISO-8601 duration from PT0S"
                    + " to PT6H (such as PT15M: a Teams visit ends 15 minutes after its meeting's last session), not "
                    + text);
        }
        return quiet;
    }

    public AttendancePollPlan plan() {
        return plan;
    }

    public MeetingOver meetingOver() {
        return meetingOver;
    }
}
