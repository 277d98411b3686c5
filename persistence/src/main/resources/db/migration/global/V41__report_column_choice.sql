-- Reports (issue 14), global store: which columns of the reports' visits table a portal account showed or hid with
-- the column toggler, remembered per account (not per session); deleted with the account. Column ids only
-- (e.g. "clinicians"), comma-separated: shown = shown although hidden by default, hidden = hidden by choice (left out
-- of the account's exports too). Columns in neither follow the page's default.
CREATE TABLE report_column_choice (
    account_id  VARCHAR(36)              NOT NULL,
    shown       VARCHAR(1000)            DEFAULT '' NOT NULL,
    hidden      VARCHAR(1000)            DEFAULT '' NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    version     BIGINT                   DEFAULT 0 NOT NULL,
    CONSTRAINT pk_report_column_choice PRIMARY KEY (account_id),
    CONSTRAINT fk_report_column_choice_account FOREIGN KEY (account_id) REFERENCES portal_account (id)
        ON DELETE CASCADE
);
