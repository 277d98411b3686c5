-- SMS templates (issue 15), global store: an organization's own wording of a kind of message (confirmation, update,
-- cancellation, reminder, the clinician's link, the answer to HELP) in one language, with named placeholders
-- ({organization}, {date}, {time}, {link}); without a row the shipped text of the language is sent. Configuration,
-- no patient data. One row per organization, kind and language.
CREATE TABLE sms_template (
    id               VARCHAR(36)              NOT NULL,
    organization_id  VARCHAR(36)              NOT NULL,
    kind             VARCHAR(16)              NOT NULL,
    language         VARCHAR(8)               NOT NULL,
    body             VARCHAR(1000)            NOT NULL,
    updated_by       VARCHAR(508)             NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    version          BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_template PRIMARY KEY (id),
    CONSTRAINT fk_sms_template_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT uq_sms_template UNIQUE (organization_id, kind, language)
);
