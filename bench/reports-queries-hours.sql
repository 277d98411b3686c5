-- The report-queries benchmark's stand-in for the report sweep (report.application.VisitSummaryMaintenance): makes
-- every organization's hour figures (regional V19's report_hour) from the seeded visit summaries at once, in SQL, as
-- JpaVisitSummaryRepository.makeHour makes one hour in Java: counts by status, SMS, call-quality verdicts, the
-- call-quality samples' sums (joined from call_quality), and the three histograms in SecondsHistogram's buckets,
-- written "bucket:count,..." (PostgreSQL only: width_bucket and string_agg). Rows are written hour after hour, the
-- organizations' rows of one hour together, as the sweep writes them while visits happen. Then marks the last two
-- hours of every organization, as visits being written now would: a report reads those from visit_summary.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

CREATE TEMP TABLE bounds AS
SELECT array_agg(b ORDER BY b) AS b FROM (
    SELECT generate_series(0, 119, 5) AS b UNION ALL SELECT generate_series(120, 599, 15)
    UNION ALL SELECT generate_series(600, 1799, 30) UNION ALL SELECT generate_series(1800, 3599, 60)
    UNION ALL SELECT generate_series(3600, 7199, 300) UNION ALL SELECT generate_series(7200, 14399, 900)
    UNION ALL SELECT 14400) t;

CREATE TEMP TABLE hour_visit AS
SELECT s.organization_id, floor(extract(epoch FROM s.report_at) / 3600)::bigint AS hour_no, s.visit_id, s.status,
       s.sms_sent, s.call_quality,
       greatest(0, width_bucket(s.duration_s, (SELECT b FROM bounds)) - 1) AS d,
       greatest(0, width_bucket(s.lobby_wait_s, (SELECT b FROM bounds)) - 1) AS l,
       greatest(0, width_bucket(s.time_to_admit_s, (SELECT b FROM bounds)) - 1) AS a,
       s.duration_s IS NOT NULL AS has_d, s.lobby_wait_s IS NOT NULL AS has_l, s.time_to_admit_s IS NOT NULL AS has_a
  FROM visit_summary s;

CREATE TEMP TABLE hist AS
SELECT organization_id, hour_no, string_agg(bucket || ':' || n, ',' ORDER BY bucket) AS text, kind
  FROM (SELECT organization_id, hour_no, 'd' AS kind, d AS bucket, count(*) AS n FROM hour_visit WHERE has_d
         GROUP BY 1, 2, 4
        UNION ALL
        SELECT organization_id, hour_no, 'l', l, count(*) FROM hour_visit WHERE has_l GROUP BY 1, 2, 4
        UNION ALL
        SELECT organization_id, hour_no, 'a', a, count(*) FROM hour_visit WHERE has_a GROUP BY 1, 2, 4) t
 GROUP BY organization_id, hour_no, kind;

CREATE TEMP TABLE hour_quality AS
SELECT v.organization_id, v.hour_no, sum(q.rtt_sum) AS rtt_sum, sum(q.rtt_count) AS rtt_count,
       sum(q.jitter_sum) AS jitter_sum, sum(q.jitter_count) AS jitter_count, sum(q.loss_sum) AS loss_sum,
       sum(q.loss_count) AS loss_count, sum(q.fps_sum) AS fps_sum, sum(q.fps_count) AS fps_count
  FROM hour_visit v JOIN call_quality q ON q.visit_id = v.visit_id AND q.organization_id = v.organization_id
 GROUP BY 1, 2;

INSERT INTO report_hour (organization_id, hour_no, visits, completed, no_shows, ended_no_patient, open_visits,
                         cancelled, sms_sent, quality_measured, quality_poor, rtt_sum, rtt_count, jitter_sum,
                         jitter_count, loss_sum, loss_count, fps_sum, fps_count, duration_hist, lobby_wait_hist,
                         admit_hist, made_at)
SELECT c.organization_id, c.hour_no, c.visits, c.completed, c.no_shows, c.ended, c.open, c.cancelled, c.sms,
       c.measured, c.poor, coalesce(q.rtt_sum, 0), coalesce(q.rtt_count, 0), coalesce(q.jitter_sum, 0),
       coalesce(q.jitter_count, 0), coalesce(q.loss_sum, 0), coalesce(q.loss_count, 0), coalesce(q.fps_sum, 0),
       coalesce(q.fps_count, 0), d.text, l.text, a.text, now()
  FROM (SELECT organization_id, hour_no, count(*) AS visits, count(*) FILTER (WHERE status = 'COMPLETED') AS completed,
               count(*) FILTER (WHERE status = 'NO_SHOW') AS no_shows,
               count(*) FILTER (WHERE status = 'ENDED_WITHOUT_PATIENT') AS ended,
               count(*) FILTER (WHERE status = 'OPEN') AS open, count(*) FILTER (WHERE status = 'CANCELLED') AS cancelled,
               sum(sms_sent) AS sms, count(*) FILTER (WHERE call_quality <> 'NO_DATA') AS measured,
               count(*) FILTER (WHERE call_quality = 'POOR') AS poor
          FROM hour_visit GROUP BY 1, 2) c
  LEFT JOIN hour_quality q USING (organization_id, hour_no)
  LEFT JOIN hist d ON d.organization_id = c.organization_id AND d.hour_no = c.hour_no AND d.kind = 'd'
  LEFT JOIN hist l ON l.organization_id = c.organization_id AND l.hour_no = c.hour_no AND l.kind = 'l'
  LEFT JOIN hist a ON a.organization_id = c.organization_id AND a.hour_no = c.hour_no AND a.kind = 'a'
 ORDER BY c.hour_no, c.organization_id;

INSERT INTO report_hour_mark (id, organization_id, hour_no, marked_at)
SELECT md5(random()::text), o.organization_id, floor(extract(epoch FROM now()) / 3600)::bigint - k, now()
  FROM (SELECT DISTINCT organization_id FROM report_hour) o CROSS JOIN generate_series(0, 1) k;

VACUUM ANALYZE report_hour; VACUUM ANALYZE report_hour_mark;
SELECT count(*) AS hour_rows, pg_size_pretty(pg_total_relation_size('report_hour')) AS hour_rows_with_index,
       (SELECT count(*) FROM report_hour_mark) AS marks FROM report_hour;
