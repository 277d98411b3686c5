-- SMS notifications, second slice (issue 15), global store: per FHIR endpoint, what the EHR's appointment feed
-- (HL7v2 SIU) may send — confirmations on/off, reminder intervals in minutes before the appointment (comma-separated,
-- e.g. "1440,15"), the sending number — and how the feed is recognised: the shared secret of the HTTPS feed's
-- HMAC-SHA256 signature (sealed under the installation's master key, never in clear), the sending facility
-- (MSH-4) that names the endpoint on MLLP, the region phone numbers without a country code are read in, the
-- time zone of appointment times without an offset (and of the times in messages), and the language of the messages. Configuration only: no patient data.
CREATE TABLE sms_endpoint_settings (
    endpoint_id       VARCHAR(36)              NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    confirmation      BOOLEAN                  NOT NULL,
    reminder_minutes  VARCHAR(200)             NOT NULL,
    number_id         VARCHAR(36),
    feed_secret       VARCHAR(500),
    sending_facility  VARCHAR(180),
    phone_region      VARCHAR(2)               NOT NULL,
    language          VARCHAR(8)               NOT NULL,
    time_zone         VARCHAR(64)              NOT NULL,
    updated_by        VARCHAR(508)             NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    version           BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_endpoint_settings PRIMARY KEY (endpoint_id),
    CONSTRAINT fk_sms_endpoint_settings_endpoint FOREIGN KEY (endpoint_id) REFERENCES fhir_endpoint (id),
    CONSTRAINT fk_sms_endpoint_settings_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT fk_sms_endpoint_settings_number FOREIGN KEY (number_id) REFERENCES sms_number (id),
    CONSTRAINT uq_sms_endpoint_settings_facility UNIQUE (sending_facility)
);
