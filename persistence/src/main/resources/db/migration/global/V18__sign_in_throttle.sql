-- Security hardening (issue 20), global store: failed sign-ins per account and per address, for the progressive
-- delay and the temporary lockout of password sign-ins (portal form and HTTP Basic on /api). subject is
-- 'account:<username, lower case>' or 'address:<IP address>'; no password, nothing else about the person.
CREATE TABLE sign_in_throttle (
    subject         VARCHAR(200)             NOT NULL,
    failures        INTEGER                  NOT NULL,
    last_failure_at TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT pk_sign_in_throttle PRIMARY KEY (subject),
    CONSTRAINT ck_sign_in_throttle_failures CHECK (failures >= 0)
);

CREATE INDEX ix_sign_in_throttle_last_failure ON sign_in_throttle (last_failure_at);
