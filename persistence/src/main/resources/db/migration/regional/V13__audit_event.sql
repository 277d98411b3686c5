-- The audit trail (issue 20), regional store: what happened to an organization, shaped to be shown and exported as
-- FHIR AuditEvents after IHE Basic Audit Log Patterns (BALP). One row per event: sign-ins, endpoint approval steps,
-- key generation, launches, admissions and removals in a visit, write-back outcomes, exports, audit settings.
-- Privacy: the only person identifier is actor_id (a portal username or an EHR user id); visits by OpenVisit's own
-- id; source_address only for sign-ins (the address the sign-in throttle counts already); detail is plain words
-- without patient data. Ids name their region (like visits), so the region guard and the region move apply.
-- forward_*: the durable outbox of the forwarding to the organization's own audit repository (NULL: not asked).
CREATE TABLE audit_event (
    id                VARCHAR(36)              NOT NULL,
    recorded_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    kind              VARCHAR(32)              NOT NULL,
    outcome           VARCHAR(16)              NOT NULL,
    actor_type        VARCHAR(16)              NOT NULL,
    actor_id          VARCHAR(255),
    source_address    VARCHAR(64),
    visit_id          VARCHAR(36),
    endpoint_id       VARCHAR(36),
    detail            VARCHAR(500),
    forward_state     VARCHAR(16),
    forward_attempts  INTEGER                  NOT NULL,
    forward_next_at   TIMESTAMP WITH TIME ZONE,
    forward_error     VARCHAR(500),
    CONSTRAINT pk_audit_event PRIMARY KEY (id),
    CONSTRAINT ck_audit_event_outcome CHECK (outcome IN ('SUCCESS', 'MINOR_FAILURE', 'SERIOUS_FAILURE')),
    CONSTRAINT ck_audit_event_forward CHECK (forward_state IS NULL OR forward_state IN ('PENDING', 'SENT', 'FAILED'))
);

CREATE INDEX ix_audit_event_organization ON audit_event (organization_id, recorded_at);
CREATE INDEX ix_audit_event_time ON audit_event (recorded_at);
CREATE INDEX ix_audit_event_forward ON audit_event (forward_state, forward_next_at);
