-- Microsoft Teams (issue 16): a visit's meeting on Teams is known by its join URL (Graph's joinWebUrl, which Graph
-- also finds a meeting by), longer than the 255 characters of a built-in room's id.
ALTER TABLE visit ALTER COLUMN meeting_id SET DATA TYPE VARCHAR(2048);
