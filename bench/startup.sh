#!/usr/bin/env bash
# Startup figures of the embedded default: seconds from server-config/start to healthy, and the
# resident memory of the Payara Micro process once healthy and after a little work.
# Runs N starts (default 3; the first on an empty data folder, the others on the same one).
# Needs a build: mvn -DskipTests install
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
runs="${1:-3}"
port="${BENCH_PORT:-18080}"
data="$(mktemp -d)"
admin_password="bench-$RANDOM-$RANDOM-$RANDOM"
script=""
trap '[[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null; wait 2>/dev/null; rm -rf "$data"' EXIT

printf '%-5s %-12s %-16s %-14s %-20s\n' run data-folder seconds-to-ready rss-ready-MiB rss-after-200-req-MiB
for run in $(seq 1 "$runs"); do
  state=$([[ $run == 1 ]] && echo empty || echo existing)
  start=$(date +%s.%N)
  OPENVISIT_PORT=$port OPENVISIT_DATA="$data" OPENVISIT_GRID_PORT=$((port + 1)) OPENVISIT_ADMIN_PASSWORD="$admin_password" \
    "$root/server-config/start" > "$data/run-$run.log" 2>&1 &
  script=$!
  await_openvisit "$data/run-$run.log" "$script" 0.2
  ready=$(date +%s.%N)
  java_pid=$openvisit_pid
  rss_ready=$(( $(ps -o rss= -p "$java_pid") / 1024 ))
  for i in $(seq 1 100); do
    curl -fsS -o /dev/null -u "admin:$admin_password" "http://127.0.0.1:$port/api/organizations" || echo "api request $i failed"
    curl -fsS -o /dev/null "http://127.0.0.1:$port/sign-in.xhtml" || echo "portal request $i failed"
  done
  rss_work=$(( $(ps -o rss= -p "$java_pid") / 1024 ))
  printf '%-5s %-12s %-16.1f %-14s %-20s\n' "$run" "$state" "$(awk -v a="$start" -v b="$ready" 'BEGIN{print b-a}')" "$rss_ready" "$rss_work"
  kill -TERM "$script"; wait "$script" 2>/dev/null || true
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; java $(java -version 2>&1 | head -1 | cut -d'"' -f2); heap -Xmx1g (server-config/start default)"
