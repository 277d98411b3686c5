-- Baseline of a regional store (issue 18): one database per data region (AMERICAS, EMEA, APAC) holds the rows of
-- the organizations of that region, and nothing else. The tables are those the single database had at version 16
-- (V5 visits and launch audit, V6 visit events and context-link uses, V7 call quality, V8 write-back, V10 held-back
-- tasks, V11 appointment time, V13 encounter keys), less the foreign keys to the global store's organization and
-- fhir_endpoint, which live in another database now: the application checks those ids before it writes here.
-- Portable SQL: the same script runs on H2 and PostgreSQL. History table: schema_history_regional.

-- Visits: one per (endpoint, appointment, encounter or conference). The appointment or conference id is never
-- stored: only its keyed hash (HMAC-SHA256 under the installation secret, hex). The unique constraint is what makes
-- concurrent launches of one appointment end in one visit. New ids name their region (DataRegion.newRecordId).
CREATE TABLE visit (
    id                VARCHAR(36)              NOT NULL,
    endpoint_id       VARCHAR(36)              NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    key_kind          VARCHAR(16)              NOT NULL,
    appointment_hash  VARCHAR(64)              NOT NULL,
    department_id     VARCHAR(255),
    status            VARCHAR(16)              NOT NULL,
    meeting_platform  VARCHAR(32),
    meeting_id        VARCHAR(255),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    ended_at          TIMESTAMP WITH TIME ZONE,
    version           BIGINT                   NOT NULL,
    event_count       BIGINT                   DEFAULT 0 NOT NULL,
    ehr_context       VARCHAR(2000),
    appointment_start TIMESTAMP WITH TIME ZONE,
    appointment_end   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_visit PRIMARY KEY (id),
    CONSTRAINT uq_visit_endpoint_appointment UNIQUE (endpoint_id, appointment_hash),
    CONSTRAINT ck_visit_key_kind CHECK (key_kind IN ('APPOINTMENT', 'ENCOUNTER', 'CONFERENCE')),
    CONSTRAINT ck_visit_status CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'ENDED')),
    CONSTRAINT ck_visit_times CHECK (
        (status = 'SCHEDULED' AND started_at IS NULL AND ended_at IS NULL)
        OR (status = 'IN_PROGRESS' AND started_at IS NOT NULL AND ended_at IS NULL)
        OR (status = 'ENDED' AND ended_at IS NOT NULL))
);

CREATE INDEX ix_visit_organization ON visit (organization_id, created_at);

-- The clinicians who launched a visit: their EHR user id is the only person identifier kept.
CREATE TABLE visit_participant (
    id              VARCHAR(36)              NOT NULL,
    visit_id        VARCHAR(36)              NOT NULL,
    ehr_user_id     VARCHAR(255)             NOT NULL,
    role            VARCHAR(16)              NOT NULL,
    first_launch_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_visit_participant PRIMARY KEY (id),
    CONSTRAINT fk_visit_participant_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    CONSTRAINT uq_visit_participant_user UNIQUE (visit_id, ehr_user_id),
    CONSTRAINT ck_visit_participant_role CHECK (role IN ('PROVIDER', 'STAFF'))
);

-- Every launch of the region's organizations, accepted or refused. Never tokens, codes, state or patient data.
-- (Refusals that name no organization, such as an unknown issuer, go to the installation's home region.)
CREATE TABLE launch_audit (
    id              VARCHAR(36)              NOT NULL,
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    endpoint_id     VARCHAR(36),
    organization_id VARCHAR(36),
    issuer          VARCHAR(500),
    ehr_user_id     VARCHAR(255),
    visit_id        VARCHAR(36),
    outcome         VARCHAR(16)              NOT NULL,
    reason_code     VARCHAR(64)              NOT NULL,
    reason          VARCHAR(500)             NOT NULL,
    CONSTRAINT pk_launch_audit PRIMARY KEY (id),
    CONSTRAINT ck_launch_audit_outcome CHECK (outcome IN ('ACCEPTED', 'REFUSED'))
);

CREATE INDEX ix_launch_audit_organization ON launch_audit (organization_id, occurred_at);
CREATE INDEX ix_launch_audit_time ON launch_audit (occurred_at);

-- What happens in a visit, in the visit's own order. No person identifier: attendees are opaque per-visit ids.
CREATE TABLE visit_event (
    id              VARCHAR(36)              NOT NULL,
    visit_id        VARCHAR(36)              NOT NULL,
    endpoint_id     VARCHAR(36)              NOT NULL,
    organization_id VARCHAR(36)              NOT NULL,
    sequence_no     BIGINT                   NOT NULL,
    event_type      VARCHAR(24)              NOT NULL,
    attendee_role   VARCHAR(16),
    attendee_id     VARCHAR(64),
    detail          VARCHAR(500),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_visit_event PRIMARY KEY (id),
    CONSTRAINT fk_visit_event_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    CONSTRAINT uq_visit_event_sequence UNIQUE (visit_id, sequence_no),
    CONSTRAINT ck_visit_event_type CHECK (event_type IN ('LOBBY_JOINED', 'ADMITTED', 'CONNECTED', 'DISCONNECTED',
        'LEFT', 'REMOVED', 'DEVICE_TEST', 'VISIT_ENDED')),
    CONSTRAINT ck_visit_event_role CHECK (attendee_role IS NULL
        OR attendee_role IN ('PROVIDER', 'STAFF', 'PATIENT', 'GUEST'))
);

CREATE INDEX ix_visit_event_organization ON visit_event (organization_id, occurred_at);

-- Encrypted context link tokens already used (their SHA-256 digest), kept until they expire: a replay is refused.
CREATE TABLE context_link_use (
    token_digest VARCHAR(64)              NOT NULL,
    endpoint_id  VARCHAR(36)              NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_context_link_use PRIMARY KEY (token_digest)
);

CREATE INDEX ix_context_link_use_expiry ON context_link_use (expires_at);

-- Call quality of the built-in rooms: one row per attendee per visit with running aggregates.
CREATE TABLE call_quality (
    id              VARCHAR(36)              NOT NULL,
    visit_id        VARCHAR(36)              NOT NULL,
    organization_id VARCHAR(36)              NOT NULL,
    attendee_id     VARCHAR(64)              NOT NULL,
    attendee_role   VARCHAR(16)              NOT NULL,
    samples         BIGINT                   NOT NULL,
    rtt_count       BIGINT                   NOT NULL,
    rtt_sum         DOUBLE PRECISION         NOT NULL,
    rtt_max         DOUBLE PRECISION         NOT NULL,
    jitter_count    BIGINT                   NOT NULL,
    jitter_sum      DOUBLE PRECISION         NOT NULL,
    jitter_max      DOUBLE PRECISION         NOT NULL,
    loss_count      BIGINT                   NOT NULL,
    loss_sum        DOUBLE PRECISION         NOT NULL,
    loss_max        DOUBLE PRECISION         NOT NULL,
    fps_count       BIGINT                   NOT NULL,
    fps_sum         DOUBLE PRECISION         NOT NULL,
    fps_max         DOUBLE PRECISION         NOT NULL,
    bitrate_count   BIGINT                   NOT NULL,
    bitrate_sum     DOUBLE PRECISION         NOT NULL,
    bitrate_max     DOUBLE PRECISION         NOT NULL,
    first_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL,
    CONSTRAINT pk_call_quality PRIMARY KEY (id),
    CONSTRAINT fk_call_quality_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    CONSTRAINT uq_call_quality_attendee UNIQUE (visit_id, attendee_id),
    CONSTRAINT ck_call_quality_role CHECK (attendee_role IN ('PROVIDER', 'STAFF', 'PATIENT', 'GUEST'))
);

CREATE INDEX ix_call_quality_organization ON call_quality (organization_id, last_at);

-- Write-back's transactional outbox: one delivery task per visit event, written in the same (regional)
-- transaction as the event. The EHR references stay sealed (AES-256-GCM) and are cleared once the task is done.
CREATE TABLE writeback_task (
    id              VARCHAR(36)              NOT NULL,
    event_id        VARCHAR(36)              NOT NULL,
    visit_id        VARCHAR(36)              NOT NULL,
    endpoint_id     VARCHAR(36)              NOT NULL,
    organization_id VARCHAR(36)              NOT NULL,
    sequence_no     BIGINT                   NOT NULL,
    event_type      VARCHAR(24)              NOT NULL,
    attendee_role   VARCHAR(16),
    occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    ehr_context     VARCHAR(2000),
    status          VARCHAR(16)              NOT NULL,
    attempts        INTEGER                  DEFAULT 0 NOT NULL,
    last_error      VARCHAR(500),
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by      VARCHAR(64),
    claim_until     TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at    TIMESTAMP WITH TIME ZONE,
    version         BIGINT                   DEFAULT 0 NOT NULL,
    held_back       BOOLEAN                  DEFAULT FALSE NOT NULL,
    CONSTRAINT pk_writeback_task PRIMARY KEY (id),
    CONSTRAINT uq_writeback_task_event UNIQUE (event_id),
    CONSTRAINT uq_writeback_task_sequence UNIQUE (visit_id, sequence_no),
    CONSTRAINT fk_writeback_task_event FOREIGN KEY (event_id) REFERENCES visit_event (id),
    CONSTRAINT ck_writeback_task_status CHECK (status IN ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'RETRYING',
        'FAILED', 'DISCARDED'))
);

CREATE INDEX ix_writeback_task_claim ON writeback_task (status, held_back, next_attempt_at);
CREATE INDEX ix_writeback_task_endpoint ON writeback_task (endpoint_id, status, next_attempt_at);

-- Every delivery attempt and portal action on a task. Rows are only ever added (and purged with their task).
CREATE TABLE writeback_attempt (
    id          VARCHAR(36)              NOT NULL,
    task_id     VARCHAR(36)              NOT NULL,
    attempt_no  INTEGER                  NOT NULL,
    actor       VARCHAR(255)             NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    duration_ms BIGINT                   NOT NULL,
    outcome     VARCHAR(16)              NOT NULL,
    error       VARCHAR(500),
    CONSTRAINT pk_writeback_attempt PRIMARY KEY (id),
    CONSTRAINT fk_writeback_attempt_task FOREIGN KEY (task_id) REFERENCES writeback_task (id),
    CONSTRAINT ck_writeback_attempt_outcome CHECK (outcome IN ('DELIVERED', 'RETRY', 'FAILED', 'REQUEUED',
        'DISCARDED'))
);

CREATE INDEX ix_writeback_attempt_task ON writeback_attempt (task_id, started_at);
