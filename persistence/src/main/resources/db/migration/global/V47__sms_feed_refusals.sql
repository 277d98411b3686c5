-- SMS feed refusals (issue 15), global store: how many messages of the appointment feed (HL7v2 over HTTPS or MLLP,
-- FHIR polling) each endpoint's feed refused, per reason, and when last — counts only, nothing of the messages. Kept
-- in the database so the SMS page shows the same figures on every node and after restarts (the /metrics counter
-- sms_feed_messages_total is per process and starts from zero).
CREATE TABLE sms_feed_refusal (
    endpoint_id      VARCHAR(36)              NOT NULL,
    reason           VARCHAR(32)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    refused          BIGINT                   NOT NULL,
    last_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sms_feed_refusal PRIMARY KEY (endpoint_id, reason),
    CONSTRAINT fk_sms_feed_refusal_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
);

CREATE INDEX ix_sms_feed_refusal_organization ON sms_feed_refusal (organization_id);
