-- Organizations (tenants). Portable SQL: the same script runs on H2 and PostgreSQL.
CREATE TABLE organization (
    id          VARCHAR(36)              NOT NULL,
    name        VARCHAR(240)             NOT NULL,
    name_key    VARCHAR(240)             NOT NULL,
    data_region VARCHAR(16)              NOT NULL,
    ehr_vendor  VARCHAR(32)              NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT                   NOT NULL,
    CONSTRAINT pk_organization PRIMARY KEY (id),
    CONSTRAINT uq_organization_name_key UNIQUE (name_key),
    CONSTRAINT ck_organization_data_region CHECK (data_region IN ('AMERICAS', 'EMEA', 'APAC')),
    CONSTRAINT ck_organization_ehr_vendor CHECK (ehr_vendor IN ('EPIC', 'ORACLE_HEALTH', 'OTHER_SMART'))
);
