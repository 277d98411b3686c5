-- SMS notifications, FHIR Subscriptions (issue 15), global store: per FHIR endpoint whose appointments come by FHIR,
-- the rest-hook Subscription (HL7 FHIR R4 Subscriptions Backport IG, STU 1.1) OpenVisit keeps at the EHR so that it
-- hears of appointment changes at once instead of only at the next poll. The topic (the canonical URL of the EHR's
-- appointment SubscriptionTopic, set by the administrator; null: no subscription, polling only), the EHR's
-- Subscription id, the receiver's random path id (hook_id), a SHA-256 (hex) of the secret the EHR sends back in a
-- header (the secret itself is never stored), the state and its reason in words, the highest event number taken in
-- (for gap detection), when the EHR was last heard from, when the Subscription ends, and when the keeper looks at it
-- next (claimed_until: the node working on it). No patient data, no appointment, no token.
CREATE TABLE sms_fhir_subscription (
    endpoint_id        VARCHAR(36)              NOT NULL,
    organization_id    VARCHAR(36)              NOT NULL,
    topic              VARCHAR(500),
    state              VARCHAR(16)              NOT NULL,
    hook_id            VARCHAR(36),
    ehr_subscription_id VARCHAR(100),
    secret_hash        VARCHAR(64),
    events_seen        BIGINT                   NOT NULL,
    last_contact_at    TIMESTAMP WITH TIME ZONE,
    ends_at            TIMESTAMP WITH TIME ZONE,
    next_check_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    claimed_until      TIMESTAMP WITH TIME ZONE,
    failures           INTEGER                  NOT NULL,
    reason             VARCHAR(500),
    state_changed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    version            BIGINT                   NOT NULL,
    CONSTRAINT pk_sms_fhir_subscription PRIMARY KEY (endpoint_id),
    CONSTRAINT fk_sms_fhir_subscription_feed FOREIGN KEY (endpoint_id) REFERENCES sms_fhir_feed (endpoint_id),
    CONSTRAINT fk_sms_fhir_subscription_organization FOREIGN KEY (organization_id) REFERENCES organization (id),
    CONSTRAINT uq_sms_fhir_subscription_hook UNIQUE (hook_id),
    CONSTRAINT ck_sms_fhir_subscription_state CHECK (state IN ('OFF', 'PENDING', 'REQUESTED', 'ACTIVE', 'ERROR',
                                                               'NOT_OFFERED'))
);
CREATE INDEX ix_sms_fhir_subscription_due ON sms_fhir_subscription (next_check_at);
CREATE INDEX ix_sms_fhir_subscription_organization ON sms_fhir_subscription (organization_id);
