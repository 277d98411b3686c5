#!/usr/bin/env bash
# Startup figures of the embedded default: seconds from server-config/start to ready, the CPU seconds the
# Payara Micro process spent until then, and its resident memory once ready and after a little work.
# Runs N rounds (default 3); each round starts the server once with the class archive off and once with it on
# (OPENVISIT_CLASS_ARCHIVE=off / auto), each on a data folder of its own, so that the two are compared in the
# same run on the same machine state. Round 1 starts on empty data folders (schema created, demo organization
# seeded; with auto, the archive is written when that run stops); later rounds on the same folders.
# Needs a build: mvn -DskipTests package
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
port="${BENCH_PORT:-18080}"
work="$(mktemp -d)"
admin_password="bench-$RANDOM-$RANDOM-$RANDOM"
script=""
trap '[[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

printf '%-5s %-8s %-10s %-9s %-8s %-8s %-10s %-8s %s\n' round archive data-folder ready-s cpu-s rss-MiB rss-work stop-s load
for run in $(seq 1 "$runs"); do
  for mode in off auto; do
    data="$work/data-$mode"
    log="$work/run-$run-$mode.log"
    state=$([[ $run == 1 ]] && echo empty || echo existing)
    start=$(date +%s.%N)
    OPENVISIT_PORT=$port OPENVISIT_DATA="$data" OPENVISIT_GRID_PORT=$((port + 1)) OPENVISIT_ADMIN_PASSWORD="$admin_password" \
      OPENVISIT_CLASS_ARCHIVE=$mode "$root/server-config/start" > "$log" 2>&1 &
    script=$!
    until grep -q "OpenVisit is ready after" "$log" 2>/dev/null; do
      kill -0 "$script" 2>/dev/null || { echo "start failed, see $log"; tail -20 "$log"; exit 1; }
      sleep 0.2
    done
    ready=$(date +%s.%N)
    java_pid=$(pgrep -P "$script" java || true)
    cpu=$(awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$java_pid/stat")
    rss_ready=$(( $(ps -o rss= -p "$java_pid") / 1024 ))
    for i in $(seq 1 100); do
      curl -fsS -o /dev/null -u "admin:$admin_password" "http://127.0.0.1:$port/api/organizations" || echo "api request $i failed"
      curl -fsS -o /dev/null "http://127.0.0.1:$port/sign-in.xhtml" || echo "portal request $i failed"
    done
    rss_work=$(( $(ps -o rss= -p "$java_pid") / 1024 ))
    stopping=$(date +%s.%N)
    kill -TERM "$script"; wait "$script" 2>/dev/null || true
    script=""
    stopped=$(date +%s.%N)
    printf '%-5s %-8s %-10s %-9.1f %-8s %-8s %-10s %-8.1f %s\n' "$run" "$mode" "$state" \
      "$(awk -v a="$start" -v b="$ready" 'BEGIN{print b-a}')" "$cpu" "$rss_ready" "$rss_work" \
      "$(awk -v a="$stopping" -v b="$stopped" 'BEGIN{print b-a}')" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; java $(java -version 2>&1 | head -1 | cut -d'"' -f2); heap -Xmx1g (server-config/start default)"
