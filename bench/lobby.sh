#!/usr/bin/env bash
# Lobby figures of the built-in rooms on one node: N concurrent lobby WebSocket connections (each a
# patient's own HTTP session from the patient link, with the browsers' 10 s heartbeat) against
# OpenVisit started by server-config/start (-Xmx1g, H2), the server's heap (after a full GC) and RSS
# per connection, and the time from a clinician's "admit" to the patient's socket hearing "admitted"
# (p50/p99) while the others keep waiting.
# Usage: bench/lobby.sh [connections=5000] [admits=300]
# Needs a build (mvn -B -DskipTests package) and jcmd (the JDK) on the PATH.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
connections="${1:-5000}"
admits="${2:-300}"
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port="${BENCH_PORT:-$((20000 + RANDOM % 20000))}"
while ! free "$port" || ! free $((port + 1)); do port=$((port + 2)); done
data="$(mktemp -d)"
script=""
java_pid=""
cleanup() {
  [[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null
  if [[ -n "$java_pid" ]]; then # Payara with thousands of sockets may take long to stop: 30 s, then KILL
    for _ in $(seq 30); do kill -0 "$java_pid" 2>/dev/null || break; sleep 1; done
    kill -KILL "$java_pid" 2>/dev/null || true
  fi
  wait 2>/dev/null
  rm -rf "$data"
}
trap cleanup EXIT

OPENVISIT_PORT=$port OPENVISIT_DATA="$data" OPENVISIT_GRID_PORT=$((port + 1)) \
  OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM-$RANDOM" "$root/server-config/start" > "$data/server.log" 2>&1 &
script=$!
await_openvisit "$data/server.log" "$script"
java_pid=$openvisit_pid
echo "OpenVisit ready on port $port (Payara Micro pid $java_pid, $(ps -o args= -p "$java_pid" | grep -o -- '-Xmx[^ ]*'))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine slows every figure)"
java -Xmx1g -Djdk.httpclient.connectionPoolSize=0 "$root/bench/LobbyLoad.java" "http://127.0.0.1:$port/" \
  "$java_pid" "$connections" "$admits"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server log lines with SEVERE: $(grep -c SEVERE "$data/server.log" || true)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo) GiB; java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
