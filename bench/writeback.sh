#!/usr/bin/env bash
# Write-back figures against the bundled EHR sandbox (issue 7):
#  1. drain rate: a backlog of N events (default 10,000: 2,000 visits x 5 events, made with the relay
#     paused, through the real event stream and outbox), then the relay resumed; events/s until empty;
#  2. delivery latency with a healthy EHR: events recorded at a steady rate for a while (default 50
#     events/s for 30 s); p50/p99/max of (written to the EHR - recorded), from OpenVisit's queue API.
# Needs a build (mvn -B -DskipTests package from the repository root), curl and python3. Uses its own
# data folder and ports; prints the figures. Settings: BENCH_EVENTS, BENCH_RATE_VISITS (visits/s, 5
# events each), BENCH_RATE_SECONDS, BENCH_PORT; any OPENVISIT_* variable is passed on (e.g.
# OPENVISIT_WRITEBACK_PARALLELISM=32, or OPENVISIT_DB_URL for PostgreSQL).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
events="${BENCH_EVENTS:-10000}"
rate_visits="${BENCH_RATE_VISITS:-10}"
rate_seconds="${BENCH_RATE_SECONDS:-30}"
port="${BENCH_PORT:-18090}"
data="$(mktemp -d)"
password="bench-$RANDOM-$RANDOM-$RANDOM"
base="http://127.0.0.1:$port"
script=""
trap '[[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT

api() { # method path [json]
  if [[ $# -ge 3 ]]; then
    curl -fsS -u "admin:$password" -X "$1" -H 'Content-Type: application/json' -d "$3" "$base$2"
  else
    curl -fsS -u "admin:$password" -X "$1" "$base$2"
  fi
}
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

OPENVISIT_START_TIMEOUT="${OPENVISIT_START_TIMEOUT:-600}" OPENVISIT_PORT=$port OPENVISIT_DATA="$data/data" OPENVISIT_GRID_PORT=$((port + 1)) OPENVISIT_ADMIN_PASSWORD="$password" \
  "$root/server-config/start" > "$data/server.log" 2>&1 &
script=$!
await_openvisit "$data/server.log" "$script"
org=$(api GET "/api/organizations?first=0&max=5" | json 'd["items"][0]["id"]')
endpoint=$(api GET "/api/organizations/$org/endpoints" \
  | json "[e['id'] for e in d['items'] if e['baseUrl'].startswith('http://127.0.0.1:')][0]")
backlog() { # visits
  api POST /api/write-back/development/backlog "{\"endpointId\":\"$endpoint\",\"visits\":$1,\"eventsPerVisit\":5,
    \"appointments\":[\"Appointment/appt-1001\",\"Appointment/appt-1002\",\"Appointment/appt-1003\",\"Appointment/appt-1004\"],
    \"encounters\":[\"Encounter/enc-1001\",\"Encounter/enc-1002\",\"Encounter/enc-1003\",\"Encounter/enc-1004\"]}" > /dev/null
}
waiting() { api GET "/api/endpoints/$endpoint/write-back?max=1" | json 'd["pending"]+d["inFlight"]+d["retrying"]'; }
failed() { api GET "/api/endpoints/$endpoint/write-back?max=1" | json 'd["failed"]'; }

# Reads the delivered items of events that happened since $1 (UTC ISO time) from the queue API, once,
# after the phase: "end" prints when the last of them was written (epoch seconds); "latency" prints
# p50/p99/max of written - happened. The phases poll the queue only every 2 s while they wait: every
# API call checks the password (PBKDF2, deliberately slow) and would take CPU from the drain.
delivered_since() {
python3 - "$base" "$password" "$endpoint" "$1" "$2" <<'PY'
import base64, json, sys, urllib.request
from datetime import datetime
base, password, endpoint, start, what = sys.argv[1:]
def t(s):
    s = s.rstrip("Z")
    whole, _, frac = s.partition(".")
    return datetime.fromisoformat(whole + "." + (frac + "000000")[:6] + "+00:00")
auth = "Basic " + base64.b64encode(f"admin:{password}".encode()).decode()
lat, last, first = [], None, 0
while True:
    req = urllib.request.Request(f"{base}/api/endpoints/{endpoint}/write-back?status=DELIVERED&first={first}&max=500",
                                 headers={"Authorization": auth})
    items = json.load(urllib.request.urlopen(req))["items"]
    for i in items:
        if i["occurredAt"] >= start[:23]:
            done = t(i["deliveredAt"])
            lat.append((done - t(i["occurredAt"])).total_seconds())
            last = done if last is None or done > last else last
    if len(items) < 500: break
    first += 500
if what == "end":
    print(f"{last.timestamp():.3f}")
else:
    lat.sort()
    pct = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))]
    print(f"   {len(lat)} events: p50 {pct(50):.3f} s, p99 {pct(99):.3f} s, max {lat[-1]:.3f} s")
PY
}

# warm-up: key, token, SMART configuration, JIT (not measured)
backlog 20
until [[ $(waiting) == 0 ]]; do sleep 0.2; done

echo "1. drain of a backlog of $events events"
api PUT /api/write-back/development/relay '{"running":false}' > /dev/null
t0=$(date +%s.%N); backlog_start=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
visits=$((events / 5)); chunk=200; made=0
while (( made < visits )); do
  n=$(( visits - made < chunk ? visits - made : chunk )); backlog $n; made=$((made + n))
done
t1=$(date +%s.%N)
echo "   backlog recorded in $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}') s ($(waiting) tasks waiting)"
api PUT /api/write-back/development/relay '{"running":true}' > /dev/null
t2=$(date +%s.%N)
until [[ $(waiting) == 0 ]]; do sleep 2; done
t3=$(delivered_since "$backlog_start" end)
drain=$(awk -v a="$t2" -v b="$t3" -v n="$events" 'BEGIN{printf "%.0f", n/(b-a)}')
echo "   drained in $(awk -v a="$t2" -v b="$t3" 'BEGIN{printf "%.1f", b-a}') s: $drain events/s; dead letters: $(failed)"

echo "2. delivery latency, healthy EHR: $((rate_visits * 5)) events/s for $rate_seconds s"
phase_start=$(date -u +%Y-%m-%dT%H:%M:%S.%NZ)
for s in $(seq 1 "$rate_seconds"); do
  tick=$(date +%s.%N); backlog "$rate_visits"
  rest=$(awk -v a="$tick" -v b="$(date +%s.%N)" 'BEGIN{r=1-(b-a); print (r>0?r:0)}'); sleep "$rest"
done
until [[ $(waiting) == 0 ]]; do sleep 2; done
delivered_since "$phase_start" latency
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); java $(java -version 2>&1 | head -1 | cut -d'"' -f2); database: ${OPENVISIT_DB_URL:-H2 file (embedded default)}; relay: parallelism ${OPENVISIT_WRITEBACK_PARALLELISM:-32}, batch ${OPENVISIT_WRITEBACK_BATCH_SIZE:-50}, poll ${OPENVISIT_WRITEBACK_POLL_INTERVAL_MS:-500} ms"
kill -TERM "$script"; wait "$script" 2>/dev/null || true; script=""
