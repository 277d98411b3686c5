-- Reports (issue 14), more of a visit in its summary row, all made by the same refresh from the visit's events and
-- rows (report.domain.model.VisitSummary): the endpoint's environment (TEST / PRODUCTION), the call quality (a verdict
-- POOR / FINE / NO_DATA, the mean and worst round-trip time, jitter, packet loss and frame rate of its attendees'
-- call_quality rows), the device-test result (PASSED / PROBLEM / NOT_DONE), the write-back state over its delivery
-- tasks (DELIVERED / PENDING / DEAD_LETTER / DISCARDED / NONE), and the status CANCELLED (the appointment feed said
-- the appointment was cancelled). Rows made before this migration get their values at the next refresh (an
-- operator's "Rebuild report figures").
ALTER TABLE visit_summary ADD COLUMN environment VARCHAR(16);
ALTER TABLE visit_summary ADD COLUMN call_quality VARCHAR(8) DEFAULT 'NO_DATA' NOT NULL;
ALTER TABLE visit_summary ADD COLUMN rtt_ms DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN rtt_worst_ms DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN jitter_ms DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN jitter_worst_ms DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN loss_pct DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN loss_worst_pct DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN fps DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN fps_worst DOUBLE PRECISION;
ALTER TABLE visit_summary ADD COLUMN device_test VARCHAR(8) DEFAULT 'NOT_DONE' NOT NULL;
ALTER TABLE visit_summary ADD COLUMN write_back VARCHAR(12) DEFAULT 'NONE' NOT NULL;
ALTER TABLE visit_summary DROP CONSTRAINT ck_visit_summary_status;
ALTER TABLE visit_summary ADD CONSTRAINT ck_visit_summary_status
    CHECK (status IN ('OPEN', 'COMPLETED', 'NO_SHOW', 'ENDED_WITHOUT_PATIENT', 'CANCELLED'));
ALTER TABLE visit_summary ADD CONSTRAINT ck_visit_summary_quality CHECK (call_quality IN ('POOR', 'FINE', 'NO_DATA'));
ALTER TABLE visit_summary ADD CONSTRAINT ck_visit_summary_device_test
    CHECK (device_test IN ('PASSED', 'PROBLEM', 'NOT_DONE'));
ALTER TABLE visit_summary ADD CONSTRAINT ck_visit_summary_write_back
    CHECK (write_back IN ('DELIVERED', 'PENDING', 'DEAD_LETTER', 'DISCARDED', 'NONE'));
-- A visit's summary asks whether the feed cancelled its appointment by the visit's hash, which is the feed's
-- appointment_hash or identifier_hash (whichever form the launch named the appointment by): both indexed.
CREATE INDEX ix_sms_appointment_identifier ON sms_appointment (endpoint_id, identifier_hash);
-- The cards, the charts by status and lobby wait, and the pager's count read every row of an organization's range:
-- its rows lie one per heap page (bench/README.md, "Reports: the queries alone"). This index holds what those
-- queries read, so that PostgreSQL answers them from the index alone (index-only scans). A plain composite index,
-- not INCLUDE, so that H2 takes it too.
CREATE INDEX ix_visit_summary_org_figures ON visit_summary (organization_id, report_at, status, call_quality,
    duration_s, lobby_wait_s, time_to_admit_s, sms_sent, visit_id);
