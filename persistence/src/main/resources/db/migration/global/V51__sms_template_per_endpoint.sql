-- SMS templates per endpoint (issue 15): a wording may belong to the whole organization (scope 'organization', every
-- row so far) or to one of its endpoints (scope: the endpoint's id), which then sends it instead of the
-- organization's. A column that always holds a value rather than a nullable endpoint id, so that the unique
-- constraint holds for the organization's own rows too (NULLs are distinct in a unique constraint on H2 and on
-- PostgreSQL before 15).
ALTER TABLE sms_template ADD COLUMN scope VARCHAR(36) DEFAULT 'organization' NOT NULL;
ALTER TABLE sms_template DROP CONSTRAINT uq_sms_template;
ALTER TABLE sms_template ADD CONSTRAINT uq_sms_template UNIQUE (organization_id, scope, kind, language);
