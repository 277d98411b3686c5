#!/usr/bin/env bash
# Launch benchmark: full SMART EHR launches against the bundled EHR sandbox at 1 and 32 concurrent
# clinicians, OpenVisit's own time per launch (p50/p99, EHR waits excluded, from the launch pages'
# Server-Timing headers) and launches per second, next to the requests per second of the trivial
# JAX-RS endpoint GET /api/version on the same server. Starts its own server (embedded default).
# Needs a build: mvn -B -DskipTests install.   Usage: bench/launch.sh [seconds-per-run] [concurrency...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-20}"
shift || true
levels=("${@:-1 32}")
port="${BENCH_PORT:-18090}"
data="$(mktemp -d)"
script=""
trap '[[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT

OPENVISIT_PORT=$port OPENVISIT_DATA="$data" OPENVISIT_GRID_PORT=$((port + 1)) \
  OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM" "$root/server-config/start" > "$data/server.log" 2>&1 &
script=$!
until grep -q "OpenVisit is ready after" "$data/server.log" 2>/dev/null; do
  kill -0 "$script" 2>/dev/null || { echo "start failed:"; tail -20 "$data/server.log"; exit 1; }
  sleep 0.5
done
# shellcheck disable=SC2068
java "$root/bench/LaunchBench.java" "http://127.0.0.1:$port/" "$seconds" ${levels[@]}
echo "machine: $(nproc) cores; OpenVisit and the EHR sandbox in one Payara Micro (-Xmx1g), H2; client on the same machine"
