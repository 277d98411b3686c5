#!/usr/bin/env bash
# What signalling sockets refused at their opening leave behind (a flood from one client without a browser session):
# the server's live heap (class histogram total, after a full collection) before, right after N such sockets, and
# 65 s later (past the sockets' 60 s idle timeout), with the heap each refused socket still holds right after.
#
#   bench/refused-sockets.sh N ROOT [ROOT...]
#
# Each ROOT is a work tree or a snapshot of a build (bench/node-start.sh --snapshot DIR): the ROOTs are measured one
# after the other in the same run, each on a new node in production shape (H2, no sandbox, -Xmx1g).
# Run it under the benchmark lock: flock /tmp/bench.lock bench/refused-sockets.sh 5000 ROOT...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$here/bench/lib.sh"
n="$1"; shift
port="${BENCH_PORT:-28180}"
script=""; data=""
cleanup() { [[ -n "$script" ]] && { kill -TERM "$script" 2>/dev/null; wait "$script" 2>/dev/null; }; [[ -n "$data" ]] && rm -rf "$data"; true; }
trap cleanup EXIT
heap() { jcmd "$1" GC.class_histogram 2>/dev/null | tail -1 | awk '{printf "%.1f", $3/1048576}'; }
printf '%-28s %10s %12s %12s %16s  %s\n' root before-MiB after-MiB 65s-MiB KiB-per-socket flood
for root in "$@"; do
  data="$(mktemp -d)"
  OPENVISIT_PORT=$port OPENVISIT_DATA="$data" OPENVISIT_GRID_PORT=$((port + 1)) OPENVISIT_SANDBOX=false \
    OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM-$RANDOM" setsid "$root/server-config/start" > "$data/server.log" 2>&1 &
  script=$!
  await_openvisit "$data/server.log" "$script"
  pid=$openvisit_pid
  before=$(heap "$pid")
  flood="$(java "$here/bench/RefusedSockets.java" "http://127.0.0.1:$port/" "$n")"
  after=$(heap "$pid")
  sleep 65
  later=$(heap "$pid")
  printf '%-28s %10s %12s %12s %16s  %s\n' "$(basename "$root")" "$before" "$after" "$later" \
    "$(awk -v a="$after" -v b="$before" -v n="$n" 'BEGIN{printf "%.1f", (a-b)*1024/n}')" "$flood"
  kill -TERM "$script"; wait "$script" 2>/dev/null || true
  while pgrep -f -- "--port $port " >/dev/null; do sleep 0.2; done
  rm -rf "$data"; data=""; script=""
done
