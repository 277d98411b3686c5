-- Microsoft Teams call quality (issue 16), global store: the organization's Microsoft Graph change-notification
-- subscription to /communications/callRecords (how OpenVisit learns the ids of call records, whose media streams give
-- a Teams visit's call quality). Only Graph's subscription id, a SHA-256 (hex) of the clientState OpenVisit chose
-- (the clientState itself is never stored: notifications are checked against the hash), when the subscription
-- expires, and how the last create or renewal went (a failure kind and Graph's words, no tokens).
ALTER TABLE teams_settings ADD COLUMN call_subscription_id VARCHAR(100);
ALTER TABLE teams_settings ADD COLUMN call_client_state_hash VARCHAR(64);
ALTER TABLE teams_settings ADD COLUMN call_subscription_expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE teams_settings ADD COLUMN call_subscription_failure VARCHAR(40);
ALTER TABLE teams_settings ADD COLUMN call_subscription_error VARCHAR(500);
ALTER TABLE teams_settings ADD COLUMN call_subscription_checked_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_teams_settings_call_subscription ON teams_settings (call_subscription_id);
