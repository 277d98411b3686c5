-- Microsoft Teams (issue 16): clinicians sign in with Microsoft once, and the organization may make them the organizer
-- of their visits' meetings. clinician_sign_in: OFF (nobody signs in; the configured organizer makes every meeting),
-- LINK (each clinician signs in once at their first Teams launch) or ORGANIZER (and from then on their meetings are
-- made with them as organizer).
ALTER TABLE teams_settings ADD COLUMN clinician_sign_in VARCHAR(16) DEFAULT 'OFF' NOT NULL;

-- The one-time link between a clinician's EHR user id and their Microsoft Entra identity: only the pair of ids (the
-- Entra object id `oid` and the tenant id `tid` of the id_token), never a name, e-mail address or token.
CREATE TABLE teams_clinician_link (
    id                VARCHAR(36)              NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    ehr_user_id       VARCHAR(255)             NOT NULL,
    entra_tenant_id   VARCHAR(64)              NOT NULL,
    entra_object_id   VARCHAR(64)              NOT NULL,
    linked_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_teams_clinician_link PRIMARY KEY (id),
    CONSTRAINT uq_teams_clinician_link UNIQUE (organization_id, ehr_user_id)
);
