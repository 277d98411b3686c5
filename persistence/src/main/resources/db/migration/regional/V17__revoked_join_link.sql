-- Data regions (issue 18): the join links of people a clinician removed from a visit, known by the link's random id
-- (its jti), refused on every browser and node until the link could not be valid any more (24 hours). Until global V44
-- they were in the global store; they name their visit, so they live with it, in its region's store, and move with
-- the organization (the region copier renames their visit ids). Constraint and index names differ from the global
-- table's (global V17), which on PostgreSQL without regional URLs is in the same schema until the application drops it.
CREATE TABLE revoked_join_link (
    link_id    VARCHAR(36)              NOT NULL,
    visit_id   VARCHAR(36)              NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_revoked_link PRIMARY KEY (link_id)
);

CREATE INDEX ix_revoked_link_expiry ON revoked_join_link (expires_at);
CREATE INDEX ix_revoked_link_visit ON revoked_join_link (visit_id);
