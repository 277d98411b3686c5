-- Moving an organization to another data region (issue 18), global store: the operator's move job, its state
-- history and, per regional table, the rows and checksums of both stores that the verification compared. Counts,
-- checksums and times only: no row of the organization's visits is kept here.
CREATE TABLE region_move (
    id                      VARCHAR(36)              NOT NULL,
    organization_id         VARCHAR(36)              NOT NULL,
    active_organization_id  VARCHAR(36),
    from_region             VARCHAR(16)              NOT NULL,
    to_region               VARCHAR(16)              NOT NULL,
    state                   VARCHAR(16)              NOT NULL,
    requested_by            VARCHAR(508)             NOT NULL,
    requested_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    reason                  VARCHAR(500),
    last_error              VARCHAR(500),
    worker                  VARCHAR(64),
    lease_until             TIMESTAMP WITH TIME ZONE,
    version                 BIGINT                   NOT NULL,
    CONSTRAINT pk_region_move PRIMARY KEY (id),
    CONSTRAINT fk_region_move_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    -- one unfinished move per organization: set while the move runs, cleared when it is CLEANED or FAILED
    CONSTRAINT uq_region_move_active UNIQUE (active_organization_id),
    CONSTRAINT ck_region_move_state CHECK (state IN ('REQUESTED', 'COPYING', 'VERIFIED', 'SWITCHED', 'CLEANED',
        'FAILED')),
    CONSTRAINT ck_region_move_regions CHECK (from_region <> to_region)
);
CREATE INDEX ix_region_move_organization ON region_move (organization_id, requested_at);
CREATE INDEX ix_region_move_state ON region_move (state);

CREATE TABLE region_move_step (
    move_id      VARCHAR(36)              NOT NULL,
    sequence_no  INTEGER                  NOT NULL,
    from_state   VARCHAR(16),
    to_state     VARCHAR(16)              NOT NULL,
    actor        VARCHAR(508)             NOT NULL,
    changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    detail       VARCHAR(500),
    CONSTRAINT pk_region_move_step PRIMARY KEY (move_id, sequence_no),
    CONSTRAINT fk_region_move_step FOREIGN KEY (move_id) REFERENCES region_move (id)
);

CREATE TABLE region_move_table (
    move_id          VARCHAR(36) NOT NULL,
    table_name       VARCHAR(64) NOT NULL,
    source_rows      BIGINT      NOT NULL,
    target_rows      BIGINT      NOT NULL,
    source_checksum  VARCHAR(64) NOT NULL,
    target_checksum  VARCHAR(64) NOT NULL,
    CONSTRAINT pk_region_move_table PRIMARY KEY (move_id, table_name),
    CONSTRAINT fk_region_move_table FOREIGN KEY (move_id) REFERENCES region_move (id)
);
