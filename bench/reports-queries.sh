#!/usr/bin/env bash
# Report queries benchmark (issue 14): a PostgreSQL regional store filled with VISITS synthetic visit summaries
# (default 1,000,000: 50 organizations, 90 days; bench/reports-queries-seed.sql, generate_series), then the report's
# queries timed with pgbench, one client, one organization picked at random per request, the last 90 days: the cards,
# the three chart queries, the table's count and one page of 25 sorted by each sortable column. The SQL is the
# repository's (report.infrastructure.persistence.JpaVisitSummaryRepository: its native SQL as it is, its JPQL as
# EclipseLink sends it). Prints p50 / p99 / max in ms and each one's ratio to a baseline measured in the same run (one
# visit summary read by its primary key), so that figures of a loaded machine can still be compared. The schema is
# the regional migrations' own (V1 participant and call-quality tables, V2 visit_summary and its indexes, V8, V15, V19;
# V20's indexes built after the seed, timed),
# without the foreign keys to visit (no visit rows here). Asserts nothing.
# Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and pgbench. Usage: bench/reports-queries.sh [visits]
# BENCH_ROUNDS (default 200 requests per query). BENCH_COVERING=1 then tries a candidate index: where the time goes
# (EXPLAIN ANALYZE BUFFERS of the cards and of a page by start), and the same queries again with an index that holds
# the cards' and the pager's columns (index-only scans after a VACUUM).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
migrations="$root/persistence/src/main/resources/db/migration/regional"
visits="${1:-1000000}"
rounds="${BENCH_ROUNDS:-200}"
db="openvisit_bench_queries_$$"
work="$(mktemp -d)"
psql=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
trap 'rm -rf "$work"; "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT

"${psql[@]}" -d postgres -c "CREATE DATABASE $db"
{
  awk '/^CREATE TABLE (visit_participant|call_quality) /,/^\);/' "$migrations/V1__regional_baseline.sql"
  grep '^CREATE INDEX ix_call_quality' "$migrations/V1__regional_baseline.sql"
  grep '^ALTER TABLE call_quality' "$migrations/V8__call_quality_route.sql"
  grep -v '^CREATE INDEX ix_visit_created' "$migrations/V2__visit_summary.sql"
  awk 'BEGIN { RS = ";" } /ALTER TABLE visit_summary|ON visit_summary/ { print $0 ";" }' "$migrations/V15__report_columns.sql"
  cat "$migrations/V19__report_hours.sql"
} | grep -v 'FOREIGN KEY' > "$work/schema.sql"
"${psql[@]}" -d "$db" -f "$work/schema.sql"

echo "seeding $visits visit summaries ..."
t0=$(date +%s.%N)
"${psql[@]}" -d "$db" -v visits="$visits" -f "$root/bench/reports-queries-seed.sql"
t1=$(date +%s.%N)
printf 'seeded in %.0f s\n' "$(echo "$t1 - $t0" | bc)"
"${psql[@]}" -d "$db" -f "$root/bench/reports-queries-hours.sql"
t2=$(date +%s.%N)
printf 'hour figures made in %.0f s\n' "$(echo "$t2 - $t1" | bc)"
"${psql[@]}" -d "$db" -f "$migrations/V20__report_sort_indexes.sql" -c "VACUUM ANALYZE visit_summary"
t3=$(date +%s.%N)
printf 'V20 sort indexes built in %.0f s; visit_summary with indexes %s\n' "$(echo "$t3 - $t2" | bc)" \
  "$("${psql[@]}" -d "$db" -At -c "SELECT pg_size_pretty(pg_total_relation_size('visit_summary'))")"

# one request: an organization at random, the last 90 days (as the page asks for them)
org="'00000000-0000-0000-0000-' || lpad(:o::text, 12, '0')"
where="s.organization_id = $org AND s.report_at >= now() - interval '90 days' AND s.report_at < now()"
declare -A sql
names=()
add() { names+=("$1"); sql["$1"]="$2"; }
add "baseline: one summary by its key" \
  "SELECT * FROM visit_summary s WHERE s.visit_id = md5('v' || :g)::uuid::text;"
add "cards (totals, medians, p90)" "SELECT COUNT(*), SUM(CASE WHEN s.status = 'COMPLETED' THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.status = 'NO_SHOW' THEN 1 ELSE 0 END), SUM(CASE WHEN s.status = 'ENDED_WITHOUT_PATIENT' THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.status = 'OPEN' THEN 1 ELSE 0 END), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.duration_s),
  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.duration_s), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.lobby_wait_s),
  PERCENTILE_CONT(0.9) WITHIN GROUP (ORDER BY s.lobby_wait_s), PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY s.time_to_admit_s),
  SUM(s.sms_sent), SUM(CASE WHEN s.status = 'CANCELLED' THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.call_quality <> 'NO_DATA' THEN 1 ELSE 0 END), SUM(CASE WHEN s.call_quality = 'POOR' THEN 1 ELSE 0 END)
  FROM visit_summary s WHERE $where;"
# the cards of a report with a filter beyond the date range (read from the visits' rows, not the hour figures): the
# organization's endpoint (the seed gives each organization one: g % 5 with g % 50 fixed), one of its departments
# (six each; dept-3 in every other organization), its no-shows
cards="${sql["cards (totals, medians, p90)"]}"
add "cards, one endpoint" "${cards%;} AND s.endpoint_id = md5('e' || $org || ((:o - 1) % 5)::text)::uuid::text;"
add "cards, one department" "${cards%;} AND s.department_id = 'dept-3';"
add "cards, no-shows only" "${cards%;} AND s.status = 'NO_SHOW';"
add "chart: visits per day by status" "SELECT t.bucket, t.status, COUNT(*) FROM (SELECT FLOOR(EXTRACT(EPOCH FROM
  s.report_at) / 3600) AS bucket, s.status AS status FROM visit_summary s WHERE $where) t GROUP BY t.bucket, t.status;"
add "chart: lobby wait buckets" "SELECT SUM(CASE WHEN 1 = 1 AND s.lobby_wait_s < 60 THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.lobby_wait_s >= 60 AND s.lobby_wait_s < 120 THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.lobby_wait_s >= 120 AND s.lobby_wait_s < 300 THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.lobby_wait_s >= 300 AND s.lobby_wait_s < 600 THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.lobby_wait_s >= 600 AND s.lobby_wait_s < 1200 THEN 1 ELSE 0 END),
  SUM(CASE WHEN s.lobby_wait_s >= 1200 THEN 1 ELSE 0 END) FROM visit_summary s WHERE $where AND s.lobby_wait_s IS NOT NULL;"
add "chart: call quality per day" "SELECT t.bucket, SUM(t.rtt_sum), SUM(t.rtt_count), SUM(t.jitter_sum),
  SUM(t.jitter_count), SUM(t.loss_sum), SUM(t.loss_count), SUM(t.fps_sum), SUM(t.fps_count) FROM (SELECT
  FLOOR(EXTRACT(EPOCH FROM s.report_at) / 3600) AS bucket, q.rtt_sum, q.rtt_count, q.jitter_sum, q.jitter_count,
  q.loss_sum, q.loss_count, q.fps_sum, q.fps_count FROM visit_summary s JOIN call_quality q ON q.visit_id = s.visit_id
  AND q.organization_id = s.organization_id WHERE $where) t GROUP BY t.bucket;"
add "table: count (the pager's total)" "SELECT COUNT(s.visit_id) FROM visit_summary s WHERE $where;"
# the page before V20 (ties always by report time descending, NULLS LAST either way: no index has that order)
for column in start_at duration_s department_id rtt_ms; do
  add "before: page of 25 by $column" "SELECT * FROM visit_summary s WHERE $where
    ORDER BY s.$column DESC NULLS LAST, s.report_at DESC, s.visit_id DESC LIMIT 25 OFFSET 0;"
done
# the page now (JpaVisitSummaryRepository.page): ties in the page's direction; a nullable column's visits with a
# value first (IS NOT NULL), those without in a second step: one V20 index serves both directions
for column in report_at start_at duration_s lobby_wait_s time_to_admit_s attendants_max status department_id \
              environment meeting_platform rtt_ms device_test write_back sms_sent; do
  case "$column" in
    report_at) order="s.report_at DESC, s.visit_id DESC"; valued="" ;;
    attendants_max|status|device_test|write_back|sms_sent) order="s.$column DESC, s.report_at DESC, s.visit_id DESC"
      valued="" ;;
    *) order="s.$column DESC, s.report_at DESC, s.visit_id DESC"; valued=" AND s.$column IS NOT NULL" ;;
  esac
  add "table: page of 25 by $column" "SELECT * FROM visit_summary s WHERE $where$valued ORDER BY $order
    LIMIT 25 OFFSET 0;"
done
add "table: page of 25 by duration_s ascending" "SELECT * FROM visit_summary s WHERE $where
  AND s.duration_s IS NOT NULL ORDER BY s.duration_s ASC, s.report_at ASC, s.visit_id ASC LIMIT 25 OFFSET 0;"
add "table: page 20 by duration_s (offset 475)" "SELECT * FROM visit_summary s WHERE $where
  AND s.duration_s IS NOT NULL ORDER BY s.duration_s DESC, s.report_at DESC, s.visit_id DESC LIMIT 25 OFFSET 475;"
add "table: page by duration_s, the visits without" "SELECT * FROM visit_summary s WHERE $where
  AND s.duration_s IS NULL ORDER BY s.report_at DESC, s.visit_id DESC LIMIT 25 OFFSET 0;"
add "table: page of 25 by lobby_wait_s, 7 days" "SELECT * FROM visit_summary s WHERE s.organization_id = $org
  AND s.report_at >= now() - interval '7 days' AND s.report_at < now() AND s.lobby_wait_s IS NOT NULL
  ORDER BY s.lobby_wait_s DESC, s.report_at DESC, s.visit_id DESC LIMIT 25 OFFSET 0;"
add "table: page by attendants_max, no-shows only" "SELECT * FROM visit_summary s WHERE $where AND s.status = 'NO_SHOW'
  ORDER BY s.attendants_max DESC, s.report_at DESC, s.visit_id DESC LIMIT 25 OFFSET 0;"
# the cards, charts and count from the hour figures (JpaVisitSummaryRepository.plan and figures, regional V19): the
# range's marked hours, its whole hours' rows, and the visits' rows of the marked hours and of the parts of hours at
# either end (the seed marked each organization's last two hours). A fixed "now" for these, in whole seconds.
nowe=$(date +%s)
fromhour=$(( (nowe - 90 * 86400 + 3599) / 3600 )); endhour=$(( nowe / 3600 ))
marks="SELECT DISTINCT m.hour_no FROM report_hour_mark m WHERE m.organization_id = $org AND m.hour_no >= $fromhour
  AND m.hour_no < $endhour;"
hourcols="h.hour_no, h.open_visits, h.completed, h.no_shows, h.ended_no_patient, h.cancelled, h.sms_sent,
  h.quality_measured, h.quality_poor, h.rtt_sum, h.rtt_count, h.jitter_sum, h.jitter_count, h.loss_sum, h.loss_count,
  h.fps_sum, h.fps_count"
hours="FROM report_hour h WHERE h.organization_id = $org AND h.hour_no >= $fromhour AND h.hour_no < $endhour;"
spans="s.organization_id = $org AND ((s.report_at >= to_timestamp($((nowe - 90 * 86400)))
  AND s.report_at < to_timestamp($((fromhour * 3600)))) OR (s.report_at >= to_timestamp($(( (endhour - 1) * 3600 )))
  AND s.report_at < to_timestamp($nowe)))"
exactrows="SELECT FLOOR(EXTRACT(EPOCH FROM s.report_at) / 3600), s.status, s.duration_s, s.lobby_wait_s,
  s.time_to_admit_s, s.sms_sent, s.call_quality FROM visit_summary s WHERE $spans;"
add "hours: cards (and lobby wait chart)" "$marks
SELECT $hourcols, h.duration_hist, h.lobby_wait_hist, h.admit_hist $hours
$exactrows"
add "hours: count (and visits per day chart)" "$marks
SELECT $hourcols $hours
$exactrows"
add "hours: chart: call quality per day" "$marks
SELECT $hourcols $hours
$exactrows
SELECT t.bucket, SUM(t.rtt_sum), SUM(t.rtt_count), SUM(t.jitter_sum), SUM(t.jitter_count), SUM(t.loss_sum),
  SUM(t.loss_count), SUM(t.fps_sum), SUM(t.fps_count) FROM (SELECT FLOOR(EXTRACT(EPOCH FROM s.report_at) / 3600) AS
  bucket, q.rtt_sum, q.rtt_count, q.jitter_sum, q.jitter_count, q.loss_sum, q.loss_count, q.fps_sum, q.fps_count
  FROM visit_summary s JOIN call_quality q ON q.visit_id = s.visit_id AND q.organization_id = s.organization_id
  WHERE $spans) t GROUP BY t.bucket;"
add "table: page of 25, poor calls only" "SELECT * FROM visit_summary s WHERE $where AND s.call_quality = 'POOR'
  ORDER BY s.report_at DESC, s.visit_id DESC LIMIT 25 OFFSET 0;"

run() { # $1 name -> "p50 p99 max" in ms
  local file="$work/q.sql" log
  { echo "\\set o random(1, 50)"; echo "\\set g random(0, $((visits - 1)))"; echo "${sql[$1]}"; } > "$file"
  pgbench -h 127.0.0.1 -U postgres -n -c 1 -t 5 -f "$file" "$db" > /dev/null 2>&1 # warm the caches
  rm -f "$work"/pgbench_log.*
  (cd "$work" && pgbench -h 127.0.0.1 -U postgres -n -c 1 -t "$rounds" -f "$file" -l "$db" > /dev/null 2>&1)
  log=$(ls "$work"/pgbench_log.*)
  awk '{ print $3 / 1000 }' "$log" | sort -n | awk '{ v[NR] = $1 } END {
    p50 = v[int((NR - 1) * 0.50) + 1]; p99 = v[int((NR - 1) * 0.99) + 1]; printf "%.2f %.2f %.2f", p50, p99, v[NR] }'
}

read -r b50 b99 bmax <<< "$(run "${names[0]}")"
printf '\n%-44s %9s %9s %9s %9s %9s  %s\n' "query (one organization, 90 days)" "p50 ms" "p99 ms" "max ms" \
  "p50 ×base" "p99 ×base" "p99 ≤ 100 ms"
printf '%-44s %9.2f %9.2f %9.2f %9s %9s\n' "${names[0]}" "$b50" "$b99" "$bmax" "1" "1"
for name in "${names[@]:1}"; do
  read -r p50 p99 max <<< "$(run "$name")"
  printf '%-44s %9.2f %9.2f %9.2f %9.1f %9.1f  %s\n' "$name" "$p50" "$p99" "$max" "$(echo "$p50 / $b50" | bc -l)" \
    "$(echo "$p99 / $b99" | bc -l)" "$(awk -v p="$p99" 'BEGIN { print (p <= 100 ? "yes" : "NO") }')"
done
echo
echo "$rounds requests per query, one client; machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "PostgreSQL $(psql -h 127.0.0.1 -U postgres -At -c 'SHOW server_version' postgres)," \
  "shared_buffers $(psql -h 127.0.0.1 -U postgres -At -c 'SHOW shared_buffers' postgres)"

if [[ "${BENCH_COVERING:-0}" == "1" ]]; then
  explain() {
    local q="${sql[$1]//:o/1}"
    q="${q//:g/1}"
    echo "-- $1"
    "${psql[@]}" -d "$db" -At -c "EXPLAIN (ANALYZE, BUFFERS) ${q%;}" > "$work/plan"
    grep -E "Scan|Heap Blocks|Buffers|Sort Method" "$work/plan" | head -6
    grep -E "Execution Time" "$work/plan"
  }
  echo
  echo "where the time goes (organization 1):"
  explain "cards (totals, medians, p90)"
  explain "before: page of 25 by start_at"
  explain "table: page of 25 by start_at"
  explain "table: page of 25 by lobby_wait_s, 7 days"
  echo
  echo "candidate: CREATE INDEX ... ON visit_summary (organization_id, report_at) INCLUDE (status, duration_s,"
  echo "  lobby_wait_s, time_to_admit_s, sms_sent, call_quality, start_at, visit_id), then VACUUM ANALYZE"
  t0=$(date +%s.%N)
  "${psql[@]}" -d "$db" -c "CREATE INDEX ix_bench_covering ON visit_summary (organization_id, report_at) INCLUDE (status,
    duration_s, lobby_wait_s, time_to_admit_s, sms_sent, call_quality, start_at, visit_id)" -c "VACUUM ANALYZE visit_summary"
  printf 'built and vacuumed in %.0f s; index size %s\n' "$(echo "$(date +%s.%N) - $t0" | bc)" \
    "$("${psql[@]}" -d "$db" -At -c "SELECT pg_size_pretty(pg_relation_size('ix_bench_covering'))")"
  explain "cards (totals, medians, p90)"
  read -r b50 b99 bmax <<< "$(run "${names[0]}")"
  printf '%-44s %9.2f %9.2f %9.2f\n' "${names[0]}" "$b50" "$b99" "$bmax"
  for name in "cards (totals, medians, p90)" "chart: visits per day by status" "table: count (the pager's total)" \
              "before: page of 25 by start_at"; do
    read -r p50 p99 max <<< "$(run "$name")"
    printf '%-44s %9.2f %9.2f %9.2f %9.1f %9.1f  %s\n' "$name" "$p50" "$p99" "$max" "$(echo "$p50 / $b50" | bc -l)" \
      "$(echo "$p99 / $b99" | bc -l)" "$(awk -v p="$p99" 'BEGIN { print (p <= 100 ? "yes" : "NO") }')"
  done
  echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
fi

