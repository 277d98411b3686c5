-- Reports (issue 14): one index per sortable column of the visits table, (organization, column, report time, visit),
-- so that a page of the table sorted by any column reads the organization's rows in the page's order and stops after
-- the page (PostgreSQL's LIMIT over an index scan; the date range is checked on the index entries, no visit row is
-- read to reject it) instead of reading every visit of the range and sorting them (bench/README.md, "Reports: the
-- queries alone"). The page orders ties by report time and visit id in the column's direction and reads visits without
-- the figure in a second step (JpaVisitSummaryRepository.page), so that one index serves both directions.
-- The report time and the status have theirs since V2 (ix_visit_summary_org_time, ix_visit_summary_org_status). The
-- start and department indexes of V2 become these (the department filter still finds them).
DROP INDEX ix_visit_summary_org_start;
DROP INDEX ix_visit_summary_org_department;
CREATE INDEX ix_visit_summary_org_start ON visit_summary (organization_id, start_at, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_department ON visit_summary (organization_id, department_id, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_duration ON visit_summary (organization_id, duration_s, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_lobby ON visit_summary (organization_id, lobby_wait_s, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_admit ON visit_summary (organization_id, time_to_admit_s, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_attendants ON visit_summary (organization_id, attendants_max, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_environment ON visit_summary (organization_id, environment, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_platform ON visit_summary (organization_id, meeting_platform, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_rtt ON visit_summary (organization_id, rtt_ms, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_device ON visit_summary (organization_id, device_test, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_write_back ON visit_summary (organization_id, write_back, report_at, visit_id);
CREATE INDEX ix_visit_summary_org_sms ON visit_summary (organization_id, sms_sent, report_at, visit_id);
