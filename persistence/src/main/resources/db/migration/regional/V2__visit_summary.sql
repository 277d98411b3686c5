-- Reports (issue 14): one summary row per visit, kept up to date by the visit's events in the same transaction
-- (report.application.VisitSummaryProjector) and by a once-a-minute sweep for visits without events and no-show
-- deadlines that passed, rebuildable from the events by an operator. The report queries read only this table (and
-- visit_participant for the clinician filter), never the raw events. No person identifier beyond the clinicians'
-- EHR user ids; the appointment only as its keyed hash. Durations in whole seconds.
CREATE TABLE visit_summary (
    visit_id          VARCHAR(36)              NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    endpoint_id       VARCHAR(36)              NOT NULL,
    department_id     VARCHAR(255),
    meeting_platform  VARCHAR(32),
    appointment_hash  VARCHAR(64)              NOT NULL,
    clinicians        VARCHAR(1000),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    booked_start      TIMESTAMP WITH TIME ZONE,
    booked_end        TIMESTAMP WITH TIME ZONE,
    report_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    start_at          TIMESTAMP WITH TIME ZONE,
    end_at            TIMESTAMP WITH TIME ZONE,
    duration_s        BIGINT,
    lobby_wait_s      BIGINT,
    time_to_admit_s   BIGINT,
    attendants_max    INTEGER                  DEFAULT 0 NOT NULL,
    patient_came_at   TIMESTAMP WITH TIME ZONE,
    visit_ended_at    TIMESTAMP WITH TIME ZONE,
    status            VARCHAR(24)              NOT NULL,
    no_show_at        TIMESTAMP WITH TIME ZONE,
    sms_sent          INTEGER                  DEFAULT 0 NOT NULL,
    event_count       BIGINT                   DEFAULT 0 NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT                   DEFAULT 0 NOT NULL,
    CONSTRAINT pk_visit_summary PRIMARY KEY (visit_id),
    CONSTRAINT fk_visit_summary_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    CONSTRAINT ck_visit_summary_status CHECK (status IN ('OPEN', 'COMPLETED', 'NO_SHOW', 'ENDED_WITHOUT_PATIENT'))
);

-- Every report query names one organization and a date range on report_at (the booked start, else the creation).
CREATE INDEX ix_visit_summary_org_time ON visit_summary (organization_id, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_status ON visit_summary (organization_id, status, report_at);
CREATE INDEX ix_visit_summary_org_endpoint ON visit_summary (organization_id, endpoint_id, report_at);
CREATE INDEX ix_visit_summary_org_department ON visit_summary (organization_id, department_id, report_at);
CREATE INDEX ix_visit_summary_org_start ON visit_summary (organization_id, start_at);
-- The sweep: open visits whose no-show deadline passed.
CREATE INDEX ix_visit_summary_open ON visit_summary (status, no_show_at);
-- The clinician filter looks participants up by user within the organization's visits.
CREATE INDEX ix_visit_participant_user ON visit_participant (ehr_user_id, visit_id);
