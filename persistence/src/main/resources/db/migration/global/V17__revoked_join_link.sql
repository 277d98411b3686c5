-- Security hardening (issue 20), global store: the join links of people a clinician removed from a visit, known by the link's
-- random id (its jti), refused on every browser and node until the link could not be valid any more. In the global
-- store with the other refusal lists (sign_in_throttle): a random link id and the visit's id say nothing of a person.
CREATE TABLE revoked_join_link (
    link_id    VARCHAR(36)              NOT NULL,
    visit_id   VARCHAR(36)              NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_revoked_join_link PRIMARY KEY (link_id)
);

CREATE INDEX ix_revoked_join_link_expiry ON revoked_join_link (expires_at);
