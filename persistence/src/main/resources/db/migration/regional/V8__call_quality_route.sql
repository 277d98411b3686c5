-- How many of an attendee's call reports came while the media went through the TURN relay (the rest: direct).
ALTER TABLE call_quality ADD COLUMN relayed_samples BIGINT DEFAULT 0 NOT NULL;
