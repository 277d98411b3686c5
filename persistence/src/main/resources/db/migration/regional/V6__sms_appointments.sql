-- SMS notifications, second slice (issue 15), regional store (the organization's region, as the patient's phone
-- number is patient data):
-- * sms_appointment: an appointment the EHR's feed announced, by endpoint and the EHR's appointment id, with its
--   start, department, status and the patient's mobile number sealed under the installation's master key
--   (phone_sealed; NULL once the appointment is over or cancelled), and the code of its short join link (/j/<code>).
-- * sms_appointment_change: its history (which message moved it from which status to which).
-- * sms_feed_message: every message applied, by endpoint and MSH-10 control id, so a message sent again changes
--   nothing (the primary key is the guard).
-- * sms_send: the durable send schedule; UNIQUE (appointment_id, kind, slot) makes each confirmation, update,
--   cancellation notice and reminder exist once, whichever node or replayed message asks for it. slot: the reminder's
--   minutes before the start, the change's sequence number for an update, 0 otherwise.
-- * sms_outbox: what the built-in carrier "sent" (never leaves the machine): the number only masked, a body that
--   carries no clinical information.
-- * sms_opt_out: numbers that answered STOP, per organization, only as a keyed hash of the number.
CREATE TABLE sms_appointment (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    endpoint_id      VARCHAR(36)              NOT NULL,
    appointment_key  VARCHAR(200)             NOT NULL,
    starts_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    department       VARCHAR(200),
    status           VARCHAR(16)              NOT NULL,
    phone_sealed     VARCHAR(200),
    phone_hash       VARCHAR(64),
    link_code        VARCHAR(32)              NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_appointment PRIMARY KEY (id),
    CONSTRAINT uq_sms_appointment_key UNIQUE (endpoint_id, appointment_key),
    CONSTRAINT uq_sms_appointment_link UNIQUE (link_code)
);
CREATE INDEX ix_sms_appointment_start ON sms_appointment (starts_at);

CREATE TABLE sms_appointment_change (
    appointment_id  VARCHAR(36)              NOT NULL,
    sequence_no     INTEGER                  NOT NULL,
    event           VARCHAR(16)              NOT NULL,
    from_status     VARCHAR(16),
    to_status       VARCHAR(16)              NOT NULL,
    control_id      VARCHAR(200)             NOT NULL,
    changed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sms_appointment_change PRIMARY KEY (appointment_id, sequence_no),
    CONSTRAINT fk_sms_appointment_change FOREIGN KEY (appointment_id) REFERENCES sms_appointment (id)
);

CREATE TABLE sms_feed_message (
    endpoint_id     VARCHAR(36)              NOT NULL,
    control_id      VARCHAR(200)             NOT NULL,
    organization_id VARCHAR(36)              NOT NULL,
    appointment_id  VARCHAR(36)              NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sms_feed_message PRIMARY KEY (endpoint_id, control_id)
);
CREATE INDEX ix_sms_feed_message_appointment ON sms_feed_message (appointment_id);

CREATE TABLE sms_send (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    appointment_id   VARCHAR(36)              NOT NULL,
    kind             VARCHAR(16)              NOT NULL,
    slot             INTEGER                  NOT NULL,
    due_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    reason           VARCHAR(300),
    done_at          TIMESTAMP WITH TIME ZONE,
    version          BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_send PRIMARY KEY (id),
    CONSTRAINT fk_sms_send_appointment FOREIGN KEY (appointment_id) REFERENCES sms_appointment (id),
    CONSTRAINT uq_sms_send_once UNIQUE (appointment_id, kind, slot)
);
CREATE INDEX ix_sms_send_due ON sms_send (status, due_at);

CREATE TABLE sms_outbox (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    send_id          VARCHAR(36),
    from_number      VARCHAR(16)              NOT NULL,
    to_masked        VARCHAR(32)              NOT NULL,
    body             VARCHAR(1600)            NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sms_outbox PRIMARY KEY (id)
);
CREATE INDEX ix_sms_outbox_organization ON sms_outbox (organization_id, sent_at);

CREATE TABLE sms_opt_out (
    organization_id  VARCHAR(36)              NOT NULL,
    phone_hash       VARCHAR(64)              NOT NULL,
    opted_out        BOOLEAN                  NOT NULL,
    changed_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sms_opt_out PRIMARY KEY (organization_id, phone_hash)
);
