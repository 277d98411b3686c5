-- What happens in a visit, in the visit's own order: the stream that the provider page shows and
-- that write-back delivers to the EHR. No person identifier: attendees are opaque per-visit ids.
ALTER TABLE visit ADD COLUMN event_count BIGINT DEFAULT 0 NOT NULL;
-- The EHR's references for write-back (appointment, encounter), sealed under the master key
-- (AES-256-GCM); forgotten once write-back no longer needs them.
ALTER TABLE visit ADD COLUMN ehr_context VARCHAR(2000);

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

-- Encrypted context link tokens already used, kept until they expire: a replay is refused.
CREATE TABLE context_link_use (
    token_digest VARCHAR(64)              NOT NULL,
    endpoint_id  VARCHAR(36)              NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_context_link_use PRIMARY KEY (token_digest)
);

CREATE INDEX ix_context_link_use_expiry ON context_link_use (expires_at);
