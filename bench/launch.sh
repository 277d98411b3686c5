#!/usr/bin/env bash
# Launch benchmark: full SMART EHR launches against the EHR sandbox at 1 and 32 concurrent clinicians:
# OpenVisit's own time per launch (p50/p99, EHR waits excluded, from the launch and visit pages'
# Server-Timing headers), launches per second, and OpenVisit's CPU per launch; next to the requests per
# second and CPU per request of the trivial JAX-RS endpoint GET /api/version on the same server.
# The EHR sandbox runs on a Payara Micro of its own (like an EHR on another machine), so OpenVisit's
# process CPU is OpenVisit's alone; both servers and the client still share this machine's cores.
# Needs a build: mvn -B -DskipTests install.   Usage: bench/launch.sh [seconds-per-run] [concurrency...]
# BENCH_WARMUP: seconds of unmeasured warm-up per workload and level (default 10); BENCH_PORT (default 18090).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
shift || true
levels=("${@:-1 32}")
port="${BENCH_PORT:-18090}"
sandbox_port=$((port + 2))
data="$(mktemp -d)"
script="" sandbox=""
trap '[[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null; [[ -n "$sandbox" ]] && kill -TERM "$sandbox" 2>/dev/null;
      wait 2>/dev/null; rm -rf "$data"' EXIT

java -Xmx512m -Dhazelcast.socket.bind.any=false -Dsandbox.openvisit.origin="http://127.0.0.1:$port" \
  -jar "$root/micro/target/payara-micro.jar" --clustermode "tcpip:127.0.0.1:$((port + 3))" --interfaces 127.0.0.1 \
  --clustername "bench-sandbox-$sandbox_port" --startport $((port + 3)) --port "$sandbox_port" \
  --logproperties "$root/server-config/logging.properties" \
  --deploy "$root/ehr-sandbox/target/ehr-sandbox.war" > "$data/sandbox.log" 2>&1 &
sandbox=$!
OPENVISIT_PORT=$port OPENVISIT_DATA="$data/data" OPENVISIT_GRID_PORT=$((port + 1)) OPENVISIT_SANDBOX=false \
  OPENVISIT_DEV_SANDBOX_FHIR_BASE="http://127.0.0.1:$sandbox_port/ehr-sandbox/fhir" \
  OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM" OPENVISIT_START_TIMEOUT=600 \
  "$root/server-config/start" > "$data/server.log" 2>&1 &
script=$!
until grep -q "OpenVisit is ready after" "$data/server.log" 2>/dev/null \
      && curl -fsS -o /dev/null "http://127.0.0.1:$sandbox_port/ehr-sandbox/fhir/metadata" 2>/dev/null; do
  kill -0 "$script" 2>/dev/null || { echo "start failed:"; tail -20 "$data/server.log"; exit 1; }
  kill -0 "$sandbox" 2>/dev/null || { echo "sandbox start failed:"; tail -20 "$data/sandbox.log"; exit 1; }
  sleep 0.5
done
pid="$(pgrep -P "$script" java)"
# shellcheck disable=SC2068
java -Dwarmup="${BENCH_WARMUP:-10}" "$root/bench/LaunchBench.java" "http://127.0.0.1:$port/" "http://127.0.0.1:$sandbox_port/" "$pid" "$seconds" ${levels[@]}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); OpenVisit (-Xmx1g, H2) and the EHR" \
  "sandbox on two Payara Micros; client on the same machine"
