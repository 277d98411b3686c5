-- Microsoft Teams as a meeting platform (issue 16), global store: per organization, its app registration in
-- Microsoft Entra (directory id, application id), the credential OpenVisit signs in with (a certificate's private
-- key or a client secret, only sealed under the installation's master key; the certificate's public part in the
-- clear, for its thumbprint and expiry), the Teams account that organizes the meetings, and the meeting options.
-- Nothing of a patient. Global with the organization: settings, not visit data.
CREATE TABLE teams_settings (
    organization_id        VARCHAR(36)              NOT NULL,
    tenant_id              VARCHAR(100)             NOT NULL,
    client_id              VARCHAR(100)             NOT NULL,
    credential_kind        VARCHAR(16)              NOT NULL,
    sealed_credential      VARCHAR(8000)            NOT NULL,
    certificate            VARCHAR(8000),
    certificate_expires_at TIMESTAMP WITH TIME ZONE,
    organizer              VARCHAR(255)             NOT NULL,
    lobby_bypass           VARCHAR(32)              NOT NULL,
    meeting_chat           VARCHAR(16)              NOT NULL,
    entry_exit_announced   BOOLEAN                  NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by             VARCHAR(508)             NOT NULL,
    CONSTRAINT pk_teams_settings PRIMARY KEY (organization_id),
    CONSTRAINT fk_teams_settings_organization FOREIGN KEY (organization_id) REFERENCES organization (id)
);
