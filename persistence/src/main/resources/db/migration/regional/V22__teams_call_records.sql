-- Microsoft Teams call quality (issue 16), regional store.
-- teams_attendance_watch.join_url_hash: SHA-256 (hex) of the meeting's join URL (URL-decoded), so that a call record
-- (Graph's callRecord.joinWebUrl) finds its visit through an index; NULL for meetings made before this migration.
ALTER TABLE teams_attendance_watch ADD COLUMN join_url_hash VARCHAR(64);
CREATE INDEX ix_teams_attendance_watch_join ON teams_attendance_watch (join_url_hash);

-- teams_call_record: call records Graph announced (change notification on /communications/callRecords) and OpenVisit
-- still has to read: Graph's call record id, the organization whose subscription announced it, when to read it
-- (NULL: given up), how often it failed and Graph's last words. A row is deleted once read (whether or not it was a
-- visit's meeting). The figures it gives go to call_quality; teams_attendance_mark keeps a one-way key per visit and
-- call record so that a record announced twice is counted once. No names are read or stored.
CREATE TABLE teams_call_record (
    call_record_id    VARCHAR(128)             NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    next_try_at       TIMESTAMP WITH TIME ZONE,
    failures          INTEGER                  NOT NULL,
    last_error        VARCHAR(500),
    CONSTRAINT pk_teams_call_record PRIMARY KEY (call_record_id)
);

CREATE INDEX ix_teams_call_record_due ON teams_call_record (next_try_at);
