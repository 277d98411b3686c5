-- Optional second factor (TOTP, RFC 6238) for OPERATOR and ORG_ADMIN portal accounts (issue 20), global store.
-- totp_secret is the shared secret sealed under the installation's master key (AES-256-GCM, base64), never in
-- the clear; totp_last_step is the 30-second step of the last code accepted, so a code is never accepted twice.
-- No column when the account has no second factor. Recovery codes only as SHA-256 hashes (each 80 random bits),
-- one row per unused code; a used code's row is deleted.
ALTER TABLE portal_account ADD COLUMN totp_secret VARCHAR(200);
ALTER TABLE portal_account ADD COLUMN totp_last_step BIGINT;
ALTER TABLE portal_account ADD COLUMN totp_enrolled_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE portal_account_recovery_code (
    account_id VARCHAR(36) NOT NULL,
    code_hash  VARCHAR(64) NOT NULL,
    CONSTRAINT pk_portal_account_recovery_code PRIMARY KEY (account_id, code_hash),
    CONSTRAINT fk_portal_account_recovery_code_account FOREIGN KEY (account_id) REFERENCES portal_account (id)
        ON DELETE CASCADE
);
