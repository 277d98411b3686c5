-- Seeds the report-queries benchmark (bench/reports-queries.sh): :visits synthetic visit summaries in 50
-- organizations over the last 90 days, with a participant row each and two call-quality rows per visit that has
-- call figures, set-based with generate_series (one statement per table). Fictional only: no names; appointment
-- hashes are md5s, clinicians "Practitioner/bench-<n>". The mix: 80 % completed, 9 % no-show, 4 % ended without
-- patient, 3 % cancelled, 4 % open; 10 % of calls poor, 5 % without figures; 10 % test environment; 1 in 7 on
-- Microsoft Teams; a device test in two visits of three; write-back mostly delivered; an SMS in one visit of four.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

INSERT INTO visit_summary (visit_id, organization_id, endpoint_id, department_id, meeting_platform, appointment_hash,
                           clinicians, created_at, booked_start, booked_end, report_at, start_at, end_at, duration_s,
                           lobby_wait_s, time_to_admit_s, attendants_max, patient_came_at, visit_ended_at, status,
                           no_show_at, sms_sent, event_count, updated_at, version, environment, call_quality, rtt_ms,
                           rtt_worst_ms, jitter_ms, jitter_worst_ms, loss_pct, loss_worst_pct, fps, fps_worst,
                           device_test, write_back)
SELECT md5('v' || g)::uuid::text, org, md5('e' || org || (g % 5))::uuid::text, 'dept-' || (g % 12),
       CASE WHEN g % 7 = 0 THEN 'microsoft-teams' ELSE 'builtin-rooms' END, md5('a' || g) || md5('b' || g),
       'Practitioner/bench-' || (g % 200), booked - interval '5 minutes', booked, booked + interval '30 minutes',
       booked,
       CASE WHEN done THEN booked + wait * interval '1 second' END,
       CASE WHEN done THEN booked + (wait + dur) * interval '1 second' END,
       CASE WHEN done THEN dur END, CASE WHEN done THEN wait END, CASE WHEN done THEN wait / 2 END,
       CASE WHEN done THEN 2 + (g % 5 = 0)::int ELSE 0 END,
       CASE WHEN done OR status = 'ENDED_WITHOUT_PATIENT' THEN booked END,
       CASE WHEN status = 'OPEN' THEN NULL ELSE booked + interval '40 minutes' END,
       status, booked + interval '45 minutes', (g % 4 = 0)::int, CASE WHEN done THEN 6 ELSE 1 END, now(), 1,
       CASE WHEN g % 10 = 0 THEN 'TEST' ELSE 'PRODUCTION' END,
       CASE WHEN NOT done OR g % 20 = 1 THEN 'NO_DATA' WHEN g % 10 = 3 THEN 'POOR' ELSE 'FINE' END,
       CASE WHEN done AND g % 20 <> 1 THEN rtt END, CASE WHEN done AND g % 20 <> 1 THEN rtt * 2.5 END,
       CASE WHEN done AND g % 20 <> 1 THEN rtt / 12 END, CASE WHEN done AND g % 20 <> 1 THEN rtt / 4 END,
       CASE WHEN done AND g % 20 <> 1 THEN rtt / 150 END, CASE WHEN done AND g % 20 <> 1 THEN rtt / 40 END,
       CASE WHEN done AND g % 20 <> 1 THEN 30 - rtt / 50 END, CASE WHEN done AND g % 20 <> 1 THEN 24 - rtt / 40 END,
       CASE WHEN g % 3 = 0 THEN 'NOT_DONE' WHEN g % 17 = 0 THEN 'PROBLEM' ELSE 'PASSED' END,
       CASE WHEN g % 50 = 7 THEN 'DEAD_LETTER' WHEN g % 33 = 5 THEN 'PENDING' WHEN g % 20 = 9 THEN 'NONE'
            ELSE 'DELIVERED' END
FROM (SELECT g, '00000000-0000-0000-0000-' || lpad((g % 50 + 1)::text, 12, '0') AS org,
             date_trunc('minute', now() - interval '90 days' + random() * interval '89 days 23 hours') AS booked,
             CASE WHEN g % 100 < 80 THEN 'COMPLETED' WHEN g % 100 < 89 THEN 'NO_SHOW'
                  WHEN g % 100 < 93 THEN 'ENDED_WITHOUT_PATIENT' WHEN g % 100 < 96 THEN 'CANCELLED'
                  ELSE 'OPEN' END AS status,
             g % 100 < 80 AS done, (30 + random() * random() * 900)::int AS wait, (300 + random() * 1800)::int AS dur,
             CASE WHEN g % 10 = 3 THEN 450 + random() * 200 ELSE 40 + random() * 160 END AS rtt
      FROM generate_series(0, :visits - 1) g) v;

INSERT INTO visit_participant (id, visit_id, ehr_user_id, role, first_launch_at)
SELECT md5('p' || visit_id)::uuid::text, visit_id, clinicians, 'PROVIDER', created_at FROM visit_summary;

-- call quality: one aggregate row per person of a call with figures (120 reports each), as the rooms keep them
INSERT INTO call_quality (id, visit_id, organization_id, attendee_id, attendee_role, samples, rtt_count, rtt_sum,
                          rtt_max, jitter_count, jitter_sum, jitter_max, loss_count, loss_sum, loss_max, fps_count,
                          fps_sum, fps_max, bitrate_count, bitrate_sum, bitrate_max, relayed_samples, first_at,
                          last_at, version)
SELECT md5(s.visit_id || r.role)::uuid::text, s.visit_id, s.organization_id, r.prefix || substr(s.visit_id, 1, 8),
       r.role, 120, 120, 120 * s.rtt_ms, s.rtt_worst_ms, 120, 120 * s.jitter_ms, s.jitter_worst_ms, 120,
       120 * s.loss_pct, s.loss_worst_pct, 120, 120 * s.fps, 30, 120, 120 * 1200, 2500, 0, s.start_at, s.end_at, 120
FROM visit_summary s
CROSS JOIN (VALUES ('PATIENT', 'a-p'), ('PROVIDER', 'a-c')) AS r(role, prefix)
WHERE s.call_quality <> 'NO_DATA';

-- as autovacuum would after a bulk insert: statistics, and the visibility map that index-only scans need
VACUUM ANALYZE visit_summary; VACUUM ANALYZE visit_participant; VACUUM ANALYZE call_quality;
SELECT (SELECT count(*) FROM visit_summary) AS visits, (SELECT count(*) FROM call_quality) AS quality_rows,
       (SELECT count(DISTINCT organization_id) FROM visit_summary) AS organizations,
       pg_size_pretty(pg_total_relation_size('visit_summary')) AS summaries_with_indexes;
