-- Call quality of the built-in rooms: one row per attendee per visit with running aggregates of
-- what the browsers report every few seconds (getStats): count, sum and maximum of each figure.
-- Never raw per-second rows, never a person identifier (the attendee is an opaque per-visit id).
-- Portable SQL: the same script runs on H2 and PostgreSQL.
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
