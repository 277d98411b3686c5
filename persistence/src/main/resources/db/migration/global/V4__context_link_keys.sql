-- Keys for encrypted context links, one series per FHIR endpoint. The key itself is stored only
-- sealed (AES-256-GCM under the installation's master key); at most one key per endpoint is active
-- (retired_at is null), which the application enforces when it rotates.
CREATE TABLE context_link_key (
    id          VARCHAR(36)              NOT NULL,
    endpoint_id VARCHAR(36)              NOT NULL,
    key_id      VARCHAR(64)              NOT NULL,
    sealed_key  VARCHAR(512)             NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by  VARCHAR(508)             NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_context_link_key PRIMARY KEY (id),
    CONSTRAINT uq_context_link_key_key_id UNIQUE (key_id),
    CONSTRAINT fk_context_link_key_endpoint FOREIGN KEY (endpoint_id) REFERENCES fhir_endpoint (id)
);

CREATE INDEX ix_context_link_key_endpoint ON context_link_key (endpoint_id);
