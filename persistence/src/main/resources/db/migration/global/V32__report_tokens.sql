-- Reports API (issue 14), global store: the bearer tokens OpenVisit issued for an organization's service account.
-- Only what identifies and limits a token (its id = the JWT's jti, the name its administrator gave it, the
-- organization, the groups, creation, expiry, whether it was revoked); never the token itself, which is shown once.
CREATE TABLE report_token (
    id              VARCHAR(36)              NOT NULL,
    organization_id VARCHAR(36)              NOT NULL,
    name            VARCHAR(100)             NOT NULL,
    roles           VARCHAR(200)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked         BOOLEAN                  NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE,
    version         BIGINT                   NOT NULL,
    CONSTRAINT pk_report_token PRIMARY KEY (id),
    CONSTRAINT fk_report_token_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT ck_report_token_expiry CHECK (expires_at > created_at)
);

CREATE INDEX ix_report_token_organization ON report_token (organization_id, created_at);
