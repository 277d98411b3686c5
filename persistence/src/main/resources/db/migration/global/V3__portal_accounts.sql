-- Built-in portal accounts and their roles. Passwords only as PBKDF2 hashes.
CREATE TABLE portal_account (
    id              VARCHAR(36)              NOT NULL,
    username        VARCHAR(508)             NOT NULL,
    username_key    VARCHAR(508)             NOT NULL,
    display_name    VARCHAR(240)             NOT NULL,
    organization_id VARCHAR(36),
    password_hash   VARCHAR(512)             NOT NULL,
    enabled         BOOLEAN                  NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT                   NOT NULL,
    CONSTRAINT pk_portal_account PRIMARY KEY (id),
    CONSTRAINT uq_portal_account_username_key UNIQUE (username_key),
    CONSTRAINT fk_portal_account_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
);

CREATE INDEX ix_portal_account_organization ON portal_account (organization_id);

CREATE TABLE portal_account_role (
    account_id VARCHAR(36) NOT NULL,
    role       VARCHAR(32) NOT NULL,
    CONSTRAINT pk_portal_account_role PRIMARY KEY (account_id, role),
    CONSTRAINT fk_portal_account_role_account FOREIGN KEY (account_id) REFERENCES portal_account (id) ON DELETE CASCADE,
    CONSTRAINT ck_portal_account_role CHECK (role IN ('OPERATOR', 'ORG_ADMIN', 'EHR_ANALYST', 'REPORT_READER'))
);
