-- Write-back to the EHR (issue 7): the transactional outbox. One delivery task per visit event,
-- written in the same transaction as the event; a relay on every node claims due tasks with a
-- lease (claimed_by, claim_until: a crashed node's claims expire), delivers, and records each
-- attempt. No patient data: the EHR references stay sealed (ehr_context, AES-256-GCM under the
-- master key) and are cleared once the task is done. Errors are plain words, never tokens.
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
    CONSTRAINT pk_writeback_task PRIMARY KEY (id),
    CONSTRAINT uq_writeback_task_event UNIQUE (event_id),
    CONSTRAINT uq_writeback_task_sequence UNIQUE (visit_id, sequence_no),
    CONSTRAINT fk_writeback_task_event FOREIGN KEY (event_id) REFERENCES visit_event (id),
    CONSTRAINT ck_writeback_task_status CHECK (status IN ('PENDING', 'IN_FLIGHT', 'DELIVERED', 'RETRYING',
        'FAILED', 'DISCARDED'))
);

-- The relay's claim: due tasks by time; the per-visit order check; the portal's queue per endpoint.
CREATE INDEX ix_writeback_task_due ON writeback_task (status, next_attempt_at);
CREATE INDEX ix_writeback_task_endpoint ON writeback_task (endpoint_id, status, next_attempt_at);

-- The task's history: every delivery attempt (which node, when, how long, how it ended, in plain
-- words) and every portal action on it (retry, discard: who and when). Rows are only ever added.
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

-- Write-back settings of an endpoint: which adapter speaks to its EHR, the backend client id, and
-- OpenVisit's key pair for SMART Backend Services there (the private key sealed under the master key,
-- the public key as a JWK published at /.well-known/jwks.json).
CREATE TABLE writeback_endpoint (
    endpoint_id        VARCHAR(36)              NOT NULL,
    adapter            VARCHAR(32)              NOT NULL,
    client_id          VARCHAR(255),
    key_id             VARCHAR(64)              NOT NULL,
    key_algorithm      VARCHAR(8)               NOT NULL,
    public_jwk         VARCHAR(4000)            NOT NULL,
    sealed_private_key VARCHAR(8000)            NOT NULL,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   DEFAULT 0 NOT NULL,
    CONSTRAINT pk_writeback_endpoint PRIMARY KEY (endpoint_id),
    CONSTRAINT uq_writeback_endpoint_key UNIQUE (key_id),
    CONSTRAINT fk_writeback_endpoint FOREIGN KEY (endpoint_id) REFERENCES fhir_endpoint (id),
    CONSTRAINT ck_writeback_endpoint_adapter CHECK (adapter IN ('FHIR', 'EPIC_CONNECTION_STATUS')),
    CONSTRAINT ck_writeback_endpoint_alg CHECK (key_algorithm IN ('RS384', 'ES384'))
);
