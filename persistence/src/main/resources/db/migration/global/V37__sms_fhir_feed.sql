-- SMS notifications, the FHIR half of the appointment feed (issue 15), global store: per FHIR endpoint whose EHR
-- sends no HL7v2, whether OpenVisit polls its FHIR API for appointments instead (source FHIR_POLLING; HL7V2 is the
-- SIU feed), how often (interval_minutes) and how far ahead (horizon_days), and the poll's durable state: the
-- cursor (the EHR's meta.lastUpdated up to which every change was taken in), when the next poll is due, the node
-- that holds the poll (claimed_by, until lease_until: a dead node's claim runs out) and the last outcome — counts,
-- and on failure its kind and the reason in words (never a patient's data, a number or a token). Kept in the
-- global store beside the endpoint's other SMS settings: it names no patient and no appointment. The jobs of every
-- node claim due rows with FOR UPDATE SKIP LOCKED, region by region (the organization's data region).
CREATE TABLE sms_fhir_feed (
    endpoint_id        VARCHAR(36)              NOT NULL,
    organization_id    VARCHAR(36)              NOT NULL,
    source             VARCHAR(16)              NOT NULL,
    interval_minutes   INTEGER                  NOT NULL,
    horizon_days       INTEGER                  NOT NULL,
    cursor_at          TIMESTAMP WITH TIME ZONE,
    full_sync_at       TIMESTAMP WITH TIME ZONE,
    next_poll_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_by         VARCHAR(100),
    lease_until        TIMESTAMP WITH TIME ZONE,
    run_pages          INTEGER                  NOT NULL,
    run_high           TIMESTAMP WITH TIME ZONE,
    last_run_at        TIMESTAMP WITH TIME ZONE,
    last_success_at    TIMESTAMP WITH TIME ZONE,
    last_fed           INTEGER                  NOT NULL,
    last_skipped       INTEGER                  NOT NULL,
    last_skip_reasons  VARCHAR(500),
    failures           INTEGER                  NOT NULL,
    failure_kind       VARCHAR(24),
    failure_reason     VARCHAR(500),
    failed_at          TIMESTAMP WITH TIME ZONE,
    updated_by         VARCHAR(508)             NOT NULL,
    updated_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_fhir_feed PRIMARY KEY (endpoint_id),
    CONSTRAINT fk_sms_fhir_feed_endpoint FOREIGN KEY (endpoint_id) REFERENCES fhir_endpoint (id),
    CONSTRAINT fk_sms_fhir_feed_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT ck_sms_fhir_feed_source CHECK (source IN ('HL7V2', 'FHIR_POLLING'))
);
CREATE INDEX ix_sms_fhir_feed_due ON sms_fhir_feed (source, next_poll_at);
CREATE INDEX ix_sms_fhir_feed_organization ON sms_fhir_feed (organization_id);
