-- Retention (issue 18): what each purge deleted, per organization, so that the portal can say what was deleted when.
-- No person identifier: counts and times only.
CREATE TABLE retention_run (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36),
    ran_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    visits_before    TIMESTAMP WITH TIME ZONE NOT NULL,
    audit_before     TIMESTAMP WITH TIME ZONE NOT NULL,
    visits_deleted   BIGINT                   NOT NULL,
    audit_deleted    BIGINT                   NOT NULL,
    CONSTRAINT pk_retention_run PRIMARY KEY (id)
);

CREATE INDEX ix_retention_run_organization ON retention_run (organization_id, ran_at);
CREATE INDEX ix_retention_run_time ON retention_run (ran_at);
