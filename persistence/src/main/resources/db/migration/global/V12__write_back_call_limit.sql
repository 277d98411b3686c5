-- Write-back (issue 7): an organization may let its EHR get fewer calls at once from each OpenVisit
-- node than the installation allows one endpoint (none: that default, half of
-- openvisit.writeback.parallelism). A lower limit only: the node's own cap always applies.
ALTER TABLE writeback_endpoint ADD COLUMN call_limit INTEGER;
ALTER TABLE writeback_endpoint ADD CONSTRAINT ck_writeback_endpoint_call_limit
    CHECK (call_limit IS NULL OR (call_limit >= 1 AND call_limit <= 64));
