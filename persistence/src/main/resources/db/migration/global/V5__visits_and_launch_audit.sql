-- Visits: one per (endpoint, appointment or conference). The appointment or conference id is never
-- stored: only its keyed hash (HMAC-SHA256 under the installation secret below, hex). The unique
-- constraint is what makes concurrent launches of one appointment end in one visit.
-- Portable SQL: the same script runs on H2 and PostgreSQL.

-- Secrets of the installation itself, each stored once, sealed under the master key (AES-256-GCM,
-- the purpose bound in). The first node to need one inserts it; the others read it.
CREATE TABLE installation_secret (
    purpose      VARCHAR(64)              NOT NULL,
    sealed_value VARCHAR(512)             NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_installation_secret PRIMARY KEY (purpose)
);

CREATE TABLE visit (
    id               VARCHAR(36)              NOT NULL,
    endpoint_id      VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    key_kind         VARCHAR(16)              NOT NULL,
    appointment_hash VARCHAR(64)              NOT NULL,
    department_id    VARCHAR(255),
    status           VARCHAR(16)              NOT NULL,
    meeting_platform VARCHAR(32),
    meeting_id       VARCHAR(255),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    ended_at         TIMESTAMP WITH TIME ZONE,
    version          BIGINT                   NOT NULL,
    CONSTRAINT pk_visit PRIMARY KEY (id),
    CONSTRAINT fk_visit_endpoint FOREIGN KEY (endpoint_id) REFERENCES fhir_endpoint (id),
    CONSTRAINT fk_visit_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT uq_visit_endpoint_appointment UNIQUE (endpoint_id, appointment_hash),
    CONSTRAINT ck_visit_key_kind CHECK (key_kind IN ('APPOINTMENT', 'CONFERENCE')),
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

-- Every launch, accepted or refused. Never tokens, codes, state or patient data.
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
