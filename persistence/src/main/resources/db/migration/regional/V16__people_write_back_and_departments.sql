-- For people (issue 17), regional store:
-- * the write-back screen lists an endpoint's delivered events (latest first, paged in the database, also per visit)
--   and the time of its last delivery; the retention keeps each endpoint's latest delivered task for that;
-- * the department's display name from the EHR (Location.name, read with the launch's access token at launch time),
--   kept with the visit and its report row so the clinician's page and the reports show words instead of the id.
--   Only the department's name: never patient data.
CREATE INDEX ix_writeback_task_delivered ON writeback_task (endpoint_id, status, delivered_at);
ALTER TABLE visit ADD COLUMN department_name VARCHAR(200);
ALTER TABLE visit_summary ADD COLUMN department_name VARCHAR(200);
