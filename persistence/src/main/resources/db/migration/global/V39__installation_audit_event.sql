-- The audit trail (issue 20), global store: the events of the installation itself (operators' sign-ins, failed
-- sign-ins of names that are no account, installation secrets and keys generated), shaped like the regional
-- audit_event; an organization's events live in its regional store. Never forwarded (no organization's repository).
-- A table name of its own: PostgreSQL without regional URLs keeps the global and regional tables in one database.
CREATE TABLE installation_audit_event (
    id                VARCHAR(36)              NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    organization_id   VARCHAR(36),
    kind              VARCHAR(32)              NOT NULL,
    outcome           VARCHAR(16)              NOT NULL,
    actor_type        VARCHAR(16)              NOT NULL,
    actor_id          VARCHAR(255),
    source_address    VARCHAR(64),
    visit_id          VARCHAR(36),
    endpoint_id       VARCHAR(36),
    detail            VARCHAR(500),
    CONSTRAINT pk_installation_audit_event PRIMARY KEY (id),
    CONSTRAINT ck_installation_audit_event_outcome CHECK (outcome IN ('SUCCESS', 'MINOR_FAILURE', 'SERIOUS_FAILURE'))
);

CREATE INDEX ix_installation_audit_event_time ON installation_audit_event (recorded_at);

-- Forwarding (optional): the FHIR base URL of the organization's own audit repository, where OpenVisit POSTs each of
-- its AuditEvents; none: not forwarded.
ALTER TABLE organization ADD COLUMN audit_repository_url VARCHAR(2000);
