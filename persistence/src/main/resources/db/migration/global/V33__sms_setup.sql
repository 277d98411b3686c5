-- SMS notifications, first slice (issue 15), global store: the organization's SMS setup, which is configuration,
-- not patient data. Its two consents (who and when; every grant and withdrawal kept), and the phone numbers it
-- sends from (never a patient's) with their provisioning through the carrier, their history and the FHIR endpoints
-- each serves. held_number is unique while a number is held (NULL once released), so no two organizations hold
-- the same number.
CREATE TABLE sms_consent (
    organization_id        VARCHAR(36)              NOT NULL,
    vendor_sends_by        VARCHAR(508),
    vendor_sends_at        TIMESTAMP WITH TIME ZONE,
    patients_consented_by  VARCHAR(508),
    patients_consented_at  TIMESTAMP WITH TIME ZONE,
    version                BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_consent PRIMARY KEY (organization_id),
    CONSTRAINT fk_sms_consent_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
);

CREATE TABLE sms_consent_change (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    sequence_no      INTEGER                  NOT NULL,
    consent_kind     VARCHAR(32)              NOT NULL,
    action           VARCHAR(16)              NOT NULL,
    actor            VARCHAR(508)             NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sms_consent_change PRIMARY KEY (id),
    CONSTRAINT fk_sms_consent_change_consent FOREIGN KEY (organization_id) REFERENCES sms_consent (organization_id),
    CONSTRAINT uq_sms_consent_change_sequence UNIQUE (organization_id, sequence_no)
);

CREATE TABLE sms_number (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    country          VARCHAR(2)               NOT NULL,
    area_code        VARCHAR(5),
    status           VARCHAR(16)              NOT NULL,
    e164             VARCHAR(16),
    held_number      VARCHAR(16),
    carrier_job      VARCHAR(200),
    failure          VARCHAR(500),
    attempts         INTEGER                  NOT NULL,
    requested_by     VARCHAR(508)             NOT NULL,
    requested_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_number PRIMARY KEY (id),
    CONSTRAINT fk_sms_number_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT uq_sms_number_held UNIQUE (held_number)
);
CREATE INDEX ix_sms_number_organization ON sms_number (organization_id);
CREATE INDEX ix_sms_number_status ON sms_number (status);

CREATE TABLE sms_number_status_change (
    id           VARCHAR(36)              NOT NULL,
    number_id    VARCHAR(36)              NOT NULL,
    sequence_no  INTEGER                  NOT NULL,
    action       VARCHAR(16)              NOT NULL,
    from_status  VARCHAR(16),
    to_status    VARCHAR(16)              NOT NULL,
    actor        VARCHAR(508)             NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    note         VARCHAR(500),
    CONSTRAINT pk_sms_number_status_change PRIMARY KEY (id),
    CONSTRAINT fk_sms_number_status_change_number FOREIGN KEY (number_id) REFERENCES sms_number (id),
    CONSTRAINT uq_sms_number_status_change_sequence UNIQUE (number_id, sequence_no)
);

CREATE TABLE sms_number_endpoint (
    number_id    VARCHAR(36) NOT NULL,
    endpoint_id  VARCHAR(36) NOT NULL,
    CONSTRAINT pk_sms_number_endpoint PRIMARY KEY (number_id, endpoint_id),
    CONSTRAINT fk_sms_number_endpoint_number FOREIGN KEY (number_id) REFERENCES sms_number (id),
    CONSTRAINT fk_sms_number_endpoint_endpoint FOREIGN KEY (endpoint_id) REFERENCES fhir_endpoint (id)
);
