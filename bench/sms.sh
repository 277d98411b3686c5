#!/usr/bin/env bash
# SMS benchmark (issue 15): a real OpenVisit on PostgreSQL (a database of its own, dropped at the end), set up as an
# organization would (both consents, a built-in number, an endpoint's feed), then
#  (a) SIU intake: N SIU^S12 bookings over MLLP from 1 and from 4 connections (each message waits for its ACK), and
#      the same over the HTTPS feed (signed POSTs, keep-alive) as the baseline: messages/s, ACK latency p50/p99, every
#      answer AA, and the database holding exactly the appointments sent;
#  (b) REMINDERS reminders due at the same instant (a minute's start), seeded straight into the schedule (SQL, one
#      statement per table, as bench/reports-seed.sql does; the patients' sealed numbers are copied from (a)'s
#      appointments, as only the server can seal), drained by the send job to the built-in carrier: messages/s,
#      lateness p50/p99/max from the due time to the carrier's record (sms_outbox.sent_at), duplicates and misses;
#      baseline: the same SQL work done by the database alone (per message: the send marked SENT and one outbox row,
#      100 messages a transaction), in a copy of the tables, so the ratio says how close the drain is to its floor.
# Prints figures; asserts nothing (a missed count is printed as such).
# Needs a build (mvn -B -o -DskipTests package), PostgreSQL at 127.0.0.1:5432 (user postgres, trust), psql, curl,
# python3, java. Usage: bench/sms.sh [intake-messages] [reminders]   (default 20000 100000)
# BENCH_PORT (default 16930); OPENVISIT_SMS_BUILTIN_RATE_PER_NUMBER (default here 20000, see bench/README.md); any
# other OPENVISIT_* variable is passed on. BENCH_DUMPS=<folder>: thread dumps (jcmd Thread.print) every 2 s of (b) go there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
intake="${1:-20000}"
reminders="${2:-100000}"
port="${BENCH_PORT:-16930}"
mllp=$((port + 2))
db="openvisit_bench_sms_$port"
data="$(mktemp -d)"
password="bench-$RANDOM-$RANDOM-$RANDOM"
psql=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
base="http://127.0.0.1:$port"
script=""
trap '[[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null; wait 2>/dev/null; cp "$data/server.log" "${TMPDIR:-/tmp}/sms-bench-server.log" 2>/dev/null; rm -rf "$data";
      "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT
sql() { "${psql[@]}" -d "$db" -At -c "$1"; }

"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
# the built-in carrier's pace: one sending number serves the whole bench, so its rate is set well above the drain's
# target (a long code's 1/s would make (b) take 28 hours); the pace's cost (one locked row per batch) stays measured
OPENVISIT_SMS_BUILTIN_RATE_PER_NUMBER="${OPENVISIT_SMS_BUILTIN_RATE_PER_NUMBER:-20000}" \
OPENVISIT_SMS_BUILTIN_PROVISIONING_DELAY_MS=0 OPENVISIT_SMS_MLLP_PORT=$mllp \
OPENVISIT_PORT=$port OPENVISIT_DATA="$data/data" OPENVISIT_GRID_PORT=$((port + 1)) \
  OPENVISIT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" OPENVISIT_DB_USER=postgres OPENVISIT_DB_PASSWORD=unused \
  OPENVISIT_ADMIN_PASSWORD="$password" OPENVISIT_START_TIMEOUT=600 OPENVISIT_JAVA_OPTS="${OPENVISIT_JAVA_OPTS:--Xmx1g}" \
  "$root/server-config/start" > "$data/server.log" 2>&1 &
script=$!
await_openvisit "$data/server.log" "$script"
pid=$openvisit_pid

# the demo organization and its sandbox endpoint; an administrator of it sets SMS up through the API
as() { # user method path [json]
  if [[ $# -ge 4 ]]; then
    curl -fsS -u "$1" -X "$2" -H 'Content-Type: application/json' -d "$4" "$base$3"
  else
    curl -fsS -u "$1" -X "$2" "$base$3"
  fi
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
op="admin:$password"
org=$(as "$op" GET "/api/organizations?first=0&max=5" | json 'd["items"][0]["id"]')
endpoint=$(as "$op" GET "/api/organizations/$org/endpoints" \
  | json "[e['id'] for e in d['items'] if e['baseUrl'].startswith('http://127.0.0.1:')][0]")
as "$op" POST "/api/organizations/$org/users" \
  "{\"username\":\"bench-sms\",\"displayName\":\"Bench admin\",\"password\":\"$password-x\",\"roles\":[\"ORG_ADMIN\"]}" >/dev/null
adm="bench-sms:$password-x"
sms="/api/organizations/$org/sms"
as "$adm" PUT "$sms/consents/vendor-sends" >/dev/null
as "$adm" PUT "$sms/consents/patients-consented" >/dev/null
number=$(as "$adm" POST "$sms/numbers" '{"areaCode":"202"}' | json 'd["id"]')
until [[ "$(as "$adm" GET "$sms/numbers/$number" | json 'd["status"]')" == ACTIVE ]]; do sleep 1; done
as "$adm" PUT "$sms/numbers/$number/endpoints/$endpoint" >/dev/null
facility=BENCHFAC
# no confirmation and no reminders from the feed: (a) measures intake alone, (b) seeds its own reminders
as "$adm" PUT "$sms/endpoints/$endpoint" "{\"confirmation\":false,\"reminderMinutes\":[],\"phoneRegion\":\"US\",
  \"language\":\"en\",\"timeZone\":\"America/New_York\",\"sendingFacility\":\"$facility\"}" >/dev/null
secret=$(as "$adm" POST "$sms/endpoints/$endpoint/feed-secret" '{}' | json 'd["secret"]')
feed="$base/api/feeds/hl7v2/$endpoint"
bench() { java "$root/bench/SmsBench.java" "$@"; }

echo "(a) SIU intake, $intake bookings per run (each message waits for its ACK)"
bench mllp 127.0.0.1 $mllp $facility 500 1 warm > /dev/null   # warm-up (JIT, pools), not measured
bench https "$feed" "$secret" $facility 500 1 warmh > /dev/null
# what autovacuum's analyze would have done by now on a PostgreSQL with its defaults (on this build machine it is off):
# without statistics, the feed's look-ups keep the plans made on the empty tables (sequential scans), and each message
# costs more as the tables grow (measured: 2.2 ms and 3,000 buffers per appointment look-up at 13,000 rows)
if [[ "$(sql "SHOW autovacuum")" == off ]]; then sql "ANALYZE" > /dev/null; echo "   (autovacuum is off here: ANALYZE run after the warm-up)"; fi
before=$(sql "SELECT count(*) FROM sms_appointment")
bench mllp 127.0.0.1 $mllp $facility "$intake" 1 m1 | tee "$data/a1"
bench mllp 127.0.0.1 $mllp $facility "$intake" 4 m4 | tee "$data/a4"
bench https "$feed" "$secret" $facility "$intake" 1 h1 | tee "$data/h1"
bench https "$feed" "$secret" $facility "$intake" 4 h4 | tee "$data/h4"
stored=$(( $(sql "SELECT count(*) FROM sms_appointment") - before ))
echo "   appointments stored by the four runs: $stored (sent: $((4 * intake)))"
python3 - "$data" <<'PY'
import sys
r = {}
for f in ("a1", "a4", "h1", "h4"):
    for line in open(f"{sys.argv[1]}/{f}"):
        if line.startswith("RESULT"):
            _, mode, conns, rate, p50, p99, bad = line.split()
            r[f] = float(rate)
print(f"   MLLP ÷ HTTPS (messages/s): 1 connection {r['a1'] / r['h1']:.2f}, 4 connections {r['a4'] / r['h4']:.2f};"
      f" MLLP 4 ÷ 1 connection: {r['a4'] / r['a1']:.2f}")
PY

echo "(b) $reminders reminders due at the same instant, drained to the built-in carrier"
due=$(date -u -d "@$(( ($(date +%s) / 60 + 2) * 60 ))" +%Y-%m-%dT%H:%M:%SZ)
t0=$(date +%s.%N)
"${psql[@]}" -d "$db" -v n="$reminders" -v due="'$due'" -v org="'$org'" -v endpoint="'$endpoint'" <<'SQL'
SET synchronous_commit = off;
BEGIN;
-- the sealed numbers (and their keyed hashes) of (a)'s appointments, reused: a reminder needs a number only the
-- server can seal; each appointment below is its own, with its own key and short link
CREATE TEMP TABLE bench_phone AS
SELECT row_number() OVER (ORDER BY id) - 1 AS k, phone_sealed, phone_hash FROM sms_appointment
 WHERE phone_sealed IS NOT NULL LIMIT 1000;
INSERT INTO sms_appointment (id, organization_id, endpoint_id, appointment_hash, identifier_hash, starts_at,
                             department, status, phone_sealed, phone_hash, link_code, created_at, version)
SELECT md5('bench-appt' || g)::uuid::text, :org, :endpoint, md5('ref' || g) || md5('ref2' || g),
       md5('id' || g) || md5('id2' || g), CAST(:due AS timestamptz) + interval '15 minutes', 'Cardiology', 'BOOKED',
       p.phone_sealed, p.phone_hash, substr(md5('link' || g), 1, 16), now(), 0
FROM generate_series(1, :n) g
JOIN bench_phone p ON p.k = g % (SELECT count(*) FROM bench_phone);
INSERT INTO sms_send (id, organization_id, appointment_id, kind, slot, due_at, status, version)
SELECT md5('bench-send' || g)::uuid::text, :org, md5('bench-appt' || g)::uuid::text, 'REMINDER', 15,
       CAST(:due AS timestamptz), 'PENDING', 0
FROM generate_series(1, :n) g;
COMMIT;
ANALYZE sms_appointment;
ANALYZE sms_send;
SQL
printf '   seeded in %.1f s; all due at %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" "$due"
# waits on the index the send job claims with (status, due_at), stopping at the first row found: counting the bench's
# sends by id took 0.8 s of the database's time every 2 s (34 s within a 56 s drain, on the same two cores)
until [[ "$(sql "SELECT count(*) FROM (SELECT 1 FROM sms_send WHERE status = 'PENDING' AND due_at <= '$due' LIMIT 1) x")" == 0 ]]; do
  sleep 2
  if [[ -n "$pid" && -n "${BENCH_DUMPS:-}" && $(date +%s) -gt $(date -d "$due" +%s) ]]; then
    jcmd "$pid" Thread.print > "$BENCH_DUMPS/drain-$(date +%s).txt" 2>/dev/null || true
  fi
done
"${psql[@]}" -d "$db" -v due="'$due'" -v n="$reminders" <<'SQL'
\pset footer off
WITH mine AS (SELECT md5('bench-send' || g)::uuid::text AS id FROM generate_series(1, :n) g),
sent AS (SELECT o.send_id, o.sent_at, extract(epoch FROM o.sent_at - CAST(:due AS timestamptz)) AS late
           FROM sms_outbox o JOIN mine m ON m.id = o.send_id)
SELECT (SELECT count(*) FROM sent) AS outbox_rows,
       (SELECT count(DISTINCT send_id) FROM sent) AS distinct_sends,
       (SELECT count(*) - count(DISTINCT send_id) FROM sent) AS duplicates,
       (SELECT count(*) FROM mine m WHERE NOT EXISTS (SELECT 1 FROM sent s WHERE s.send_id = m.id)) AS missed,
       (SELECT count(*) FROM sms_send s JOIN mine m ON m.id = s.id WHERE s.status <> 'SENT') AS not_sent,
       round((:n / extract(epoch FROM max(sent_at) - min(sent_at)))::numeric, 0) AS messages_per_s,
       round(extract(epoch FROM max(sent_at) - min(sent_at))::numeric, 1) AS drain_s,
       round(min(late)::numeric, 2) AS first_s,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY late))::numeric, 2) AS late_p50_s,
       round((percentile_cont(0.99) WITHIN GROUP (ORDER BY late))::numeric, 2) AS late_p99_s,
       round(max(late)::numeric, 2) AS late_max_s
FROM sent;
SQL
rate=$(sql "SELECT round(count(*) / extract(epoch FROM max(sent_at) - min(sent_at)))
             FROM sms_outbox o WHERE o.send_id IN (SELECT md5('bench-send' || g)::uuid::text FROM generate_series(1, $reminders) g)")

echo "   baseline: the same rows' SQL by the database alone (send marked SENT + one outbox row, 100 a transaction)"
t0=$(date +%s.%N)
"${psql[@]}" -d "$db" -v n="$reminders" <<'SQL'
CREATE TABLE bench_send AS SELECT * FROM sms_send WHERE false;
CREATE TABLE bench_outbox AS SELECT * FROM sms_outbox WHERE false;
ALTER TABLE bench_send ADD PRIMARY KEY (id);
ALTER TABLE bench_outbox ADD PRIMARY KEY (id);
CREATE INDEX ON bench_send (status, due_at);
INSERT INTO bench_send SELECT id, organization_id, appointment_id, kind, slot, due_at, 'PENDING', NULL, NULL, 0
  FROM sms_send s WHERE s.id IN (SELECT md5('bench-send' || g)::uuid::text FROM generate_series(1, :n) g);
ANALYZE bench_send;
SQL
t1=$(date +%s.%N)
"${psql[@]}" -d "$db" <<'SQL'
DO $$
DECLARE
  b text[];
BEGIN
  LOOP
    SELECT array_agg(id) INTO b FROM (SELECT id FROM bench_send WHERE status = 'PENDING' ORDER BY due_at
                                      LIMIT 100 FOR UPDATE SKIP LOCKED) x;
    EXIT WHEN b IS NULL;
    UPDATE bench_send SET status = 'SENT', done_at = now(), version = version + 1 WHERE id = ANY (b);
    INSERT INTO bench_outbox (id, organization_id, send_id, from_number, to_masked, body, sent_at)
    SELECT gen_random_uuid()::text, organization_id, id, '+12025550100', '+1••••••0147',
           'Reminder: your video visit with Bench clinic is at 10:00 AM on Dec 5. Join: http://127.0.0.1/j/abcdefghij',
           clock_timestamp() FROM bench_send WHERE id = ANY (b);
    COMMIT;
  END LOOP;
END $$;
SQL
t2=$(date +%s.%N)
floor=$(echo "$reminders / ($t2 - $t1)" | bc)
echo "   database alone: $reminders in $(printf '%.1f' "$(echo "$t2 - $t1" | bc)") s = $floor messages/s;" \
  "drain ÷ database alone: $(python3 -c "print(f'{$rate / $floor:.2f}')")"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); java $(java -version 2>&1 | head -1 | cut -d'"' -f2);" \
  "PostgreSQL $(psql -h 127.0.0.1 -U postgres -At -c 'SHOW server_version' postgres); OpenVisit ${OPENVISIT_JAVA_OPTS:--Xmx1g}," \
  "built-in carrier at ${OPENVISIT_SMS_BUILTIN_RATE_PER_NUMBER:-20000} messages/s per number; client, server and database on the same machine"
