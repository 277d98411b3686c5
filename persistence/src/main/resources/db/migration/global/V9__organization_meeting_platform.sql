-- Where an organization's visits meet: OpenVisit's built-in rooms unless another platform is chosen.
ALTER TABLE organization ADD COLUMN meeting_platform VARCHAR(32) DEFAULT 'builtin-rooms' NOT NULL;
