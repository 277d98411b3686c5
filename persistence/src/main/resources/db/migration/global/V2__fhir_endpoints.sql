-- FHIR endpoints of an organization and the history of their approval.
-- Portable SQL: the same script runs on H2 and PostgreSQL.
CREATE TABLE fhir_endpoint (
    id              VARCHAR(36)              NOT NULL,
    organization_id VARCHAR(36)              NOT NULL,
    base_url        VARCHAR(2000)            NOT NULL,
    environment     VARCHAR(16)              NOT NULL,
    label           VARCHAR(240),
    approver        VARCHAR(508)             NOT NULL,
    status          VARCHAR(24)              NOT NULL,
    ehr_verified_at TIMESTAMP WITH TIME ZONE,
    ehr_user_id     VARCHAR(255),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL,
    CONSTRAINT pk_fhir_endpoint PRIMARY KEY (id),
    CONSTRAINT fk_fhir_endpoint_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT uq_fhir_endpoint_org_env_url UNIQUE (organization_id, environment, base_url),
    CONSTRAINT ck_fhir_endpoint_environment CHECK (environment IN ('TEST', 'PRODUCTION')),
    CONSTRAINT ck_fhir_endpoint_status CHECK (status IN ('DRAFT', 'AWAITING_APPROVAL', 'EHR_VERIFIED', 'APPROVED',
                                                         'REJECTED', 'WITHDRAWN')),
    -- the approver's EHR sign-in is kept exactly while the endpoint is EHR_VERIFIED or APPROVED
    CONSTRAINT ck_fhir_endpoint_ehr_verification CHECK (
        (status IN ('EHR_VERIFIED', 'APPROVED') AND ehr_verified_at IS NOT NULL AND ehr_user_id IS NOT NULL)
        OR (status NOT IN ('EHR_VERIFIED', 'APPROVED') AND ehr_verified_at IS NULL AND ehr_user_id IS NULL))
);

CREATE INDEX ix_fhir_endpoint_organization ON fhir_endpoint (organization_id);
-- the launch looks endpoints up by base URL (and status APPROVED)
CREATE INDEX ix_fhir_endpoint_base_url ON fhir_endpoint (base_url, status);

CREATE TABLE fhir_endpoint_status_change (
    id          VARCHAR(36)              NOT NULL,
    endpoint_id VARCHAR(36)              NOT NULL,
    sequence_no INTEGER                  NOT NULL,
    action      VARCHAR(32)              NOT NULL,
    from_status VARCHAR(24),
    to_status   VARCHAR(24)              NOT NULL,
    actor       VARCHAR(508)             NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    reason      VARCHAR(1000),
    CONSTRAINT pk_fhir_endpoint_status_change PRIMARY KEY (id),
    CONSTRAINT fk_fhir_endpoint_status_change_endpoint FOREIGN KEY (endpoint_id) REFERENCES fhir_endpoint (id),
    CONSTRAINT uq_fhir_endpoint_status_change_sequence UNIQUE (endpoint_id, sequence_no),
    CONSTRAINT ck_fhir_endpoint_status_change_action CHECK (action IN ('CREATE', 'EDIT', 'SUBMIT',
                                                                       'RECORD_EHR_VERIFICATION', 'APPROVE', 'REJECT',
                                                                       'WITHDRAW')),
    CONSTRAINT ck_fhir_endpoint_status_change_from CHECK (from_status IN ('DRAFT', 'AWAITING_APPROVAL', 'EHR_VERIFIED',
                                                                          'APPROVED', 'REJECTED', 'WITHDRAWN')),
    CONSTRAINT ck_fhir_endpoint_status_change_to CHECK (to_status IN ('DRAFT', 'AWAITING_APPROVAL', 'EHR_VERIFIED',
                                                                      'APPROVED', 'REJECTED', 'WITHDRAWN')),
    -- only the creation has no previous status
    CONSTRAINT ck_fhir_endpoint_status_change_creation CHECK ((action = 'CREATE') = (from_status IS NULL))
);
