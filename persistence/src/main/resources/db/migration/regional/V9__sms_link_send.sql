-- SMS notifications, third slice (issue 15), regional store:
-- * sms_link_send: the clinician's "Send patient link by SMS" on the visit page. One row per message handed to the
--   carrier: the visit, the number the clinician typed sealed under the installation's master key (phone_sealed;
--   NULL once the appointment is over, as for sms_appointment: keep_from is the appointment's start, or the send's
--   time when the EHR gave none), and the code of the message's short join link (/j/<code>). The rows per visit are
--   what the send limits count (per visit, per minute).
-- * sms_outbox gains the carrier's message id and the delivery status its callbacks report (Twilio-compatible
--   carrier: queued, sent, delivered, undelivered, failed), with the time of the last report.
-- * visit_event may be SMS_SENT (the clinician sent the patient's link by SMS; never with the number).
CREATE TABLE sms_link_send (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    endpoint_id      VARCHAR(36)              NOT NULL,
    visit_id         VARCHAR(36)              NOT NULL,
    phone_sealed     VARCHAR(200),
    link_code        VARCHAR(32)              NOT NULL,
    keep_from        TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sms_link_send PRIMARY KEY (id),
    CONSTRAINT fk_sms_link_send_visit FOREIGN KEY (visit_id) REFERENCES visit (id),
    CONSTRAINT uq_sms_link_send_link UNIQUE (link_code)
);
CREATE INDEX ix_sms_link_send_visit ON sms_link_send (visit_id, sent_at);

ALTER TABLE sms_outbox ADD COLUMN carrier_message_id VARCHAR(64);
ALTER TABLE sms_outbox ADD COLUMN delivery_status VARCHAR(16);
ALTER TABLE sms_outbox ADD COLUMN status_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_sms_outbox_carrier_message ON sms_outbox (carrier_message_id);

ALTER TABLE visit_event DROP CONSTRAINT ck_visit_event_type;
ALTER TABLE visit_event ADD CONSTRAINT ck_visit_event_type CHECK (event_type IN ('LOBBY_JOINED', 'ADMITTED',
    'CONNECTED', 'DISCONNECTED', 'LEFT', 'REMOVED', 'DEVICE_TEST', 'VISIT_ENDED', 'SMS_SENT'));
