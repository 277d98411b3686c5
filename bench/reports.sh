#!/usr/bin/env bash
# Reports benchmark: OpenVisit on PostgreSQL seeded with VISITS visits (default 1,000,000) over the last 90 days in
# 50 organizations (one of them with BIG visits, default 120,000, for the export), with their events, call-quality
# rows and report rows; then the reports API over real HTTP: p50/p99 of the summary and of table pages, and the time
# and server heap of the largest organization's CSV export. Prints figures; asserts nothing.
# Needs a build (mvn -B -DskipTests verify) and PostgreSQL at 127.0.0.1:5432 (user postgres, trust).
# Usage: bench/reports.sh [visits] [big]      BENCH_PORT (default 18190), BENCH_ROUNDS (default 200),
# BENCH_EXPORTS (default 2: each export timed twice, the first also warming the server's code up)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
visits="${1:-1000000}"
big="${2:-120000}"
port="${BENCH_PORT:-18190}"
db="openvisit_bench_$port"
data="$(mktemp -d)"
password="bench-$RANDOM-$RANDOM"
psql=(psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q)
script=""
trap '[[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null; wait 2>/dev/null; rm -rf "$data";
      "${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true' EXIT

"${psql[@]}" -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
OPENVISIT_PORT=$port OPENVISIT_DATA="$data/data" OPENVISIT_GRID_PORT=$((port + 1)) OPENVISIT_SANDBOX=false \
  OPENVISIT_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" OPENVISIT_DB_USER=postgres OPENVISIT_DB_PASSWORD=unused \
  OPENVISIT_ADMIN_PASSWORD="$password" OPENVISIT_START_TIMEOUT=600 OPENVISIT_JAVA_OPTS="-Xmx1g" \
  "$root/server-config/start" > "$data/server.log" 2>&1 &
script=$!
await_openvisit "$data/server.log" "$script"
base="http://127.0.0.1:$port/"

# 50 organizations through the API, as hospital IT would create them (the first holds the export's visits)
for i in $(seq -w 1 50); do
  curl -fsS -o /dev/null -u "admin:$password" -H 'Content-Type: application/json' \
    -d "{\"name\":\"Bench clinic $i\",\"dataRegion\":\"AMERICAS\",\"ehrVendor\":\"EPIC\"}" "${base}api/organizations"
done
# per organization an administrator, who issues a reports token (the API's way in for Power BI, Excel and scripts;
# an operator's HTTP Basic would time the password hash on every request instead of the reports)
: > "$data/tokens"
for id in $("${psql[@]}" -d "$db" -At -c "SELECT id FROM organization WHERE name LIKE 'Bench clinic %' ORDER BY name"); do
  user="bench-admin-${id:0:8}"
  curl -fsS -o /dev/null -u "admin:$password" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$user\",\"displayName\":\"Bench admin\",\"password\":\"$password-x\",\"roles\":[\"ORG_ADMIN\"]}" \
    "${base}api/organizations/$id/users"
  token="$(curl -fsS -u "$user:$password-x" -H 'Content-Type: application/json' \
    -d '{"name":"bench","lifetimeDays":1}' "${base}api/reports/tokens" | sed -E 's/.*"token":"([^"]+)".*/\1/')"
  echo "$id $token" >> "$data/tokens"
done

echo "seeding $visits visits ($big in the first organization) ..."
t0=$(date +%s.%N)
"${psql[@]}" -d "$db" -v visits="$visits" -v big="$big" -f "$root/bench/reports-seed.sql"
t1=$(date +%s.%N)
printf 'seeded in %.0f s; database size %s\n' "$(echo "$t1 - $t0" | bc)" \
  "$("${psql[@]}" -d "$db" -At -c "SELECT pg_size_pretty(pg_database_size('$db'))")"

# the hour figures (regional V19) as the report sweep makes them while visits happen: a seed written behind the
# product's back has none, so bench/reports-queries-hours.sql makes them in SQL (the last two hours stay marked)
t2=$(date +%s.%N)
"${psql[@]}" -d "$db" -f "$root/bench/reports-queries-hours.sql"
printf 'hour figures made in %.0f s\n' "$(echo "$(date +%s.%N) - $t2" | bc)"

java -Drounds="${BENCH_ROUNDS:-200}" -Dexports="${BENCH_EXPORTS:-2}" -DserverLog="$data/server.log" -DserverPid="$openvisit_pid" "$root/bench/ReportsBench.java" "$base" "$password" "$data/tokens"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); OpenVisit (-Xmx1g) and PostgreSQL" \
  "$(psql -h 127.0.0.1 -U postgres -At -c 'SHOW server_version' postgres) on the same machine, client too"
