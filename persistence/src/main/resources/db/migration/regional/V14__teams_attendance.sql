-- Microsoft Teams attendance (issue 16): which Teams meetings OpenVisit still reads attendance reports of, and which
-- attendance intervals it already turned into visit events.
-- teams_attendance_watch: one row per visit on Teams: the organizer and Graph's meeting id (needed for
-- /users/{organizer}/onlineMeetings/{id}/attendanceReports), when to read next (NULL: no more), how it went.
-- Privacy: the organizer is an Entra object id or sign-in name of the organization's service account or clinician,
-- never a patient; last_error is Graph's plain-words answer, without tokens.
CREATE TABLE teams_attendance_watch (
    visit_id          VARCHAR(36)              NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    organizer         VARCHAR(255)             NOT NULL,
    meeting_id        VARCHAR(1024)            NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    next_poll_at      TIMESTAMP WITH TIME ZONE,
    polls             INTEGER                  NOT NULL,
    failures          INTEGER                  NOT NULL,
    last_polled_at    TIMESTAMP WITH TIME ZONE,
    last_error        VARCHAR(500),
    CONSTRAINT pk_teams_attendance_watch PRIMARY KEY (visit_id)
);

CREATE INDEX ix_teams_attendance_watch_due ON teams_attendance_watch (next_poll_at);

-- teams_attendance_mark: one row per attendance interval edge already recorded as a visit event (a join became
-- CONNECTED, a leave DISCONNECTED), so that a report read twice never makes two events. The key is a SHA-256 (hex) of
-- the visit id, the attendee's Graph id, the join time and the edge: nothing of the person can be read from it.
CREATE TABLE teams_attendance_mark (
    mark_key          VARCHAR(64)              NOT NULL,
    visit_id          VARCHAR(36)              NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    marked_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_teams_attendance_mark PRIMARY KEY (mark_key)
);

CREATE INDEX ix_teams_attendance_mark_visit ON teams_attendance_mark (visit_id);
