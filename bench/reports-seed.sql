-- Seeds the reports benchmark's visits into an OpenVisit PostgreSQL database (bench/reports.sh runs it after
-- OpenVisit created its schema and the benchmark's organizations). psql variables: :visits (total, e.g. 1000000),
-- :big (the visits of the first organization, for the 100,000-row export). Set-based inserts: one statement per
-- table. Fictional only: no names, appointment ids are hashes, clinicians are "Practitioner/bench-<n>".
\set ON_ERROR_STOP on
SET synchronous_commit = off;
-- one transaction: the running server's report sweep must not see visits whose report rows are not there yet
BEGIN;

CREATE TEMP TABLE bench_org AS
SELECT id, (row_number() OVER (ORDER BY name))::int AS n FROM organization WHERE name LIKE 'Bench clinic %';

-- every visit: its organization, endpoint (5 per organization), department (12), clinician (200), booked start
-- within the last 90 days, and an outcome (82 % completed, 10 % no-show, 4 % ended without the patient, 4 % open)
CREATE TEMP TABLE bench_visit AS
WITH counts AS (
  SELECT id, n, CASE WHEN n = 1 THEN :big
                     ELSE (:visits - :big) / ((SELECT count(*) FROM bench_org) - 1) END AS how_many
  FROM bench_org)
SELECT md5(c.id || ':' || g)::uuid::text AS id, c.id AS org, md5('endpoint' || c.id || (g % 5))::uuid::text AS endpoint,
       'dept-' || (g % 12) AS dept, 'Practitioner/bench-' || (g % 200) AS clinician, g,
       date_trunc('minute', now() - interval '90 days' + random() * interval '89 days 20 hours') AS booked,
       CASE WHEN g % 100 < 82 THEN 'COMPLETED' WHEN g % 100 < 92 THEN 'NO_SHOW'
            WHEN g % 100 < 96 THEN 'ENDED_WITHOUT_PATIENT' ELSE 'OPEN' END AS outcome,
       (30 + (random() * random() * 900))::int AS wait_s, (300 + random() * 1800)::int AS duration_s
FROM counts c, generate_series(1, c.how_many) g;

INSERT INTO visit (id, endpoint_id, organization_id, key_kind, appointment_hash, department_id, status,
                   meeting_platform, created_at, started_at, ended_at, version, event_count, appointment_start,
                   appointment_end)
SELECT id, endpoint, org, 'APPOINTMENT', md5(id) || md5('a' || id), dept,
       CASE outcome WHEN 'OPEN' THEN 'SCHEDULED' ELSE 'ENDED' END, 'built-in', booked - interval '5 minutes',
       CASE WHEN outcome = 'COMPLETED' THEN booked + wait_s * interval '1 second' END,
       CASE outcome WHEN 'COMPLETED' THEN booked + (wait_s + duration_s) * interval '1 second'
                    WHEN 'OPEN' THEN NULL ELSE booked + interval '25 minutes' END,
       1, CASE outcome WHEN 'COMPLETED' THEN 6 WHEN 'OPEN' THEN 0 ELSE 1 END, booked, booked + interval '30 minutes'
FROM bench_visit;

INSERT INTO visit_participant (id, visit_id, ehr_user_id, role, first_launch_at)
SELECT md5('p' || id)::uuid::text, id, clinician, 'PROVIDER', booked - interval '5 minutes' FROM bench_visit;

-- the events of a completed visit: the patient waits, is admitted, both connect, the patient leaves, the end
INSERT INTO visit_event (id, visit_id, endpoint_id, organization_id, sequence_no, event_type, attendee_role,
                         attendee_id, detail, occurred_at)
SELECT md5(v.id || e.seq)::uuid::text, v.id, v.endpoint, v.org, e.seq, e.type, e.role,
       CASE WHEN e.role = 'PATIENT' THEN 'a-p' || substr(v.id, 1, 8) WHEN e.role = 'PROVIDER' THEN 'a-c' || substr(v.id, 1, 8) END,
       NULL, v.booked + (CASE WHEN e.seq <= 1 THEN 0 WHEN e.seq <= 4 THEN v.wait_s ELSE v.wait_s + v.duration_s END)
                        * interval '1 second' + e.seq * interval '1 millisecond'
FROM bench_visit v
CROSS JOIN (VALUES (1, 'LOBBY_JOINED', 'PATIENT'), (2, 'ADMITTED', 'PATIENT'), (3, 'CONNECTED', 'PROVIDER'),
                   (4, 'CONNECTED', 'PATIENT'), (5, 'DISCONNECTED', 'PATIENT'), (6, 'VISIT_ENDED', NULL))
     AS e(seq, type, role)
WHERE v.outcome = 'COMPLETED';

INSERT INTO visit_event (id, visit_id, endpoint_id, organization_id, sequence_no, event_type, attendee_role,
                         attendee_id, detail, occurred_at)
SELECT md5(id || 'end')::uuid::text, id, endpoint, org, 1, 'VISIT_ENDED', NULL, NULL, NULL,
       booked + interval '25 minutes'
FROM bench_visit WHERE outcome IN ('NO_SHOW', 'ENDED_WITHOUT_PATIENT');

-- call quality: one aggregate row per person of a completed visit (about 120 reports each)
INSERT INTO call_quality (id, visit_id, organization_id, attendee_id, attendee_role, samples, rtt_count, rtt_sum,
                          rtt_max, jitter_count, jitter_sum, jitter_max, loss_count, loss_sum, loss_max, fps_count,
                          fps_sum, fps_max, bitrate_count, bitrate_sum, bitrate_max, relayed_samples, first_at,
                          last_at, version)
SELECT md5(v.id || r.role)::uuid::text, v.id, v.org, r.prefix || substr(v.id, 1, 8), r.role, 120, 120,
       120 * (20 + random() * 200), 400, 120, 120 * random() * 30, 60, 120, 120 * random() * 3, 12, 120,
       120 * (20 + random() * 10), 30, 120, 120 * (600 + random() * 1500), 2500,
       CASE WHEN random() < 0.15 THEN 120 ELSE 0 END,
       v.booked + v.wait_s * interval '1 second', v.booked + (v.wait_s + v.duration_s) * interval '1 second', 120
FROM bench_visit v
CROSS JOIN (VALUES ('PATIENT', 'a-p'), ('PROVIDER', 'a-c')) AS r(role, prefix)
WHERE v.outcome = 'COMPLETED';

INSERT INTO visit_summary (visit_id, organization_id, endpoint_id, department_id, meeting_platform, appointment_hash,
                           clinicians, created_at, booked_start, booked_end, report_at, start_at, end_at, duration_s,
                           lobby_wait_s, time_to_admit_s, attendants_max, patient_came_at, visit_ended_at, status,
                           no_show_at, sms_sent, event_count, updated_at, version)
SELECT id, org, endpoint, dept, 'built-in', md5(id) || md5('a' || id), clinician, booked - interval '5 minutes',
       booked, booked + interval '30 minutes', booked,
       CASE WHEN outcome = 'COMPLETED' THEN booked + wait_s * interval '1 second' END,
       CASE WHEN outcome = 'COMPLETED' THEN booked + (wait_s + duration_s) * interval '1 second' END,
       CASE WHEN outcome = 'COMPLETED' THEN duration_s END,
       CASE WHEN outcome = 'COMPLETED' THEN wait_s END,
       CASE WHEN outcome = 'COMPLETED' THEN wait_s END,
       CASE WHEN outcome = 'COMPLETED' THEN 2 ELSE 0 END,
       CASE WHEN outcome = 'COMPLETED' THEN booked END,
       CASE outcome WHEN 'COMPLETED' THEN booked + (wait_s + duration_s) * interval '1 second'
                    WHEN 'OPEN' THEN NULL ELSE booked + interval '25 minutes' END,
       outcome,
       CASE WHEN outcome = 'NO_SHOW' THEN booked + interval '45 minutes' END,
       0, CASE outcome WHEN 'COMPLETED' THEN 6 WHEN 'OPEN' THEN 0 ELSE 1 END, now(), 1
FROM bench_visit;

COMMIT;
ANALYZE visit; ANALYZE visit_participant; ANALYZE visit_event; ANALYZE call_quality; ANALYZE visit_summary;
SELECT (SELECT count(*) FROM visit) AS visits, (SELECT count(*) FROM visit_event) AS events,
       (SELECT count(*) FROM call_quality) AS quality_rows, (SELECT count(*) FROM bench_org) AS organizations;
