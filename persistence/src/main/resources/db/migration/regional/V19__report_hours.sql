-- Reports (issue 14), figures per organization and UTC hour, so that the cards, the charts and the pager's count of a
-- report filtered by its date range only read one row per hour instead of every visit's row (bench/README.md,
-- "Reports: the queries alone"). report.domain.model.HourFigures holds one hour: the visits by status, SMS sent,
-- visits with call-quality figures and the poor ones, the samples' sums and counts of round-trip time, jitter, loss and
-- frame rate (the call-quality chart's weights), and three histograms in fixed buckets (duration, lobby wait, time to
-- admit: report.domain.model.SecondsHistogram, written "bucket:count,..." with the empty buckets left out), from which
-- the medians and 90th percentiles are read to within a bucket's width.
--
-- Kept up to date by a durable follower, not by the visit's own transaction: a visit's refresh that changes what its
-- row adds to an hour appends a mark (organization, hour) to report_hour_mark (an insert of a new key: two visits never
-- wait on each other or collide); the once-a-minute report sweep makes each marked hour again from visit_summary and
-- removes the marks it saw. A report reads the hours that have no mark from report_hour and the marked ones (and the
-- parts of hours at the range's ends) from visit_summary, so its figures are never behind the visits' rows. The
-- operator's "Rebuild report figures" marks every hour of the organization and makes them all again.
CREATE TABLE report_hour (
    organization_id   VARCHAR(36)              NOT NULL,
    hour_no           BIGINT                   NOT NULL,
    visits            BIGINT                   DEFAULT 0 NOT NULL,
    completed         BIGINT                   DEFAULT 0 NOT NULL,
    no_shows          BIGINT                   DEFAULT 0 NOT NULL,
    ended_no_patient  BIGINT                   DEFAULT 0 NOT NULL,
    open_visits       BIGINT                   DEFAULT 0 NOT NULL,
    cancelled         BIGINT                   DEFAULT 0 NOT NULL,
    sms_sent          BIGINT                   DEFAULT 0 NOT NULL,
    quality_measured  BIGINT                   DEFAULT 0 NOT NULL,
    quality_poor      BIGINT                   DEFAULT 0 NOT NULL,
    rtt_sum           DOUBLE PRECISION         DEFAULT 0 NOT NULL,
    rtt_count         BIGINT                   DEFAULT 0 NOT NULL,
    jitter_sum        DOUBLE PRECISION         DEFAULT 0 NOT NULL,
    jitter_count      BIGINT                   DEFAULT 0 NOT NULL,
    loss_sum          DOUBLE PRECISION         DEFAULT 0 NOT NULL,
    loss_count        BIGINT                   DEFAULT 0 NOT NULL,
    fps_sum           DOUBLE PRECISION         DEFAULT 0 NOT NULL,
    fps_count         BIGINT                   DEFAULT 0 NOT NULL,
    duration_hist     VARCHAR(2000),
    lobby_wait_hist   VARCHAR(2000),
    admit_hist        VARCHAR(2000),
    made_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_report_hour PRIMARY KEY (organization_id, hour_no)
);

-- hour_no: whole hours since 1970-01-01T00:00Z of the visits' report time.
CREATE TABLE report_hour_mark (
    id                VARCHAR(64)              NOT NULL,
    organization_id   VARCHAR(36)              NOT NULL,
    hour_no           BIGINT                   NOT NULL,
    marked_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_report_hour_mark PRIMARY KEY (id)
);
CREATE INDEX ix_report_hour_mark_hour ON report_hour_mark (organization_id, hour_no);

-- The summaries made before this version: every hour they fall in is marked, for the sweep to make.
INSERT INTO report_hour_mark (id, organization_id, hour_no, marked_at)
SELECT CONCAT('v19-', t.organization_id, '-', CAST(t.hour_no AS VARCHAR(20))), t.organization_id, t.hour_no,
       CURRENT_TIMESTAMP
  FROM (SELECT DISTINCT s.organization_id AS organization_id,
               CAST(FLOOR(EXTRACT(EPOCH FROM s.report_at) / 3600) AS BIGINT) AS hour_no
          FROM visit_summary s) t;
