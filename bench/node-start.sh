#!/usr/bin/env bash
# Issue 19's node start: seconds from server-config/start to /health/ready with the database check UP, the Payara
# Micro process's CPU seconds (user + system, from /proc/PID/stat) and its resident memory at that moment, in
# production shape (no bundled EHR sandbox) on a new data folder each time.
#
#   bench/node-start.sh ROUNDS ROOT [ROOT...]
#
# Each ROOT is a folder laid out like the work tree (server-config/start, micro/target/openvisit.war, its lib/ and
# payara-micro.jar): snapshot a build with `bench/node-start.sh --snapshot DIR` to compare builds. The ROOTs are
# started in turn within each round (interleaved), so a drift of the machine's load spreads over all of them.
# A ROOT named `floor` is the platform's own start, measured the same way as a baseline for the ratio: Payara Micro from
# the first real ROOT, started with server-config/start's flags, deploying a WAR of one static page (ready when the
# page answers), so that a slow day's machine shows in the baseline too.
# OPENVISIT_JAVA_OPTS and other OPENVISIT_* variables are passed on; BENCH_SANDBOX=true deploys the sandbox too.
# BENCH_KEEP_LOG=PREFIX keeps each start's console log. BENCH_RESTART=1 times restarts (see prepare_data).
# Run it under the benchmark lock so that other timings do not overlap: flock /tmp/bench.lock bench/node-start.sh ...
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ "${1:-}" == --snapshot ]]; then
  dest="$2"; mkdir -p "$dest/micro/target"
  cp -r "$here/server-config" "$dest/"
  cp "$here/micro/target/openvisit.war" "$here/micro/target/payara-micro.jar" "$dest/micro/target/"
  [[ -d "$here/micro/target/lib" ]] && cp -r "$here/micro/target/lib" "$dest/micro/target/"
  echo "snapshot of $(git -C "$here" rev-parse --short HEAD)$(git -C "$here" diff --quiet || echo +changes) in $dest"
  exit 0
fi
rounds="$1"; shift
port="${BENCH_PORT:-28080}"
script=""; data=""
cleanup() { [[ -n "$script" ]] && { kill -TERM "$script" 2>/dev/null; wait "$script" 2>/dev/null; }; [[ -n "$data" ]] && rm -rf "$data"; true; }
trap cleanup EXIT
tick=$(getconf CLK_TCK)
# BENCH_RESTART=1: each timed start is a restart, on a data folder that an untimed start of the same build made
# (schemas migrated, first operator created), as a node's restart in production is.
prepare_data() {
  OPENVISIT_PORT=$port OPENVISIT_DATA="$data" OPENVISIT_GRID_PORT=$((port + 1)) OPENVISIT_SANDBOX="${BENCH_SANDBOX:-false}" \
    OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM" setsid "$1/server-config/start" > "$data/prepare.log" 2>&1 &
  script=$!
  until grep -q "OpenVisit is ready after" "$data/prepare.log" 2>/dev/null; do
    kill -0 "$script" 2>/dev/null || { echo "preparing start failed:"; tail -30 "$data/prepare.log"; exit 1; }
    sleep 0.5
  done
  kill -TERM "$script"; wait "$script" 2>/dev/null || true
  while pgrep -f -- "--port $port " >/dev/null; do sleep 0.2; done
  script=""
  sleep 2
}
# The platform floor: Payara Micro with a one-page WAR, started with the flags server-config/start gives it.
start_floor() {
  local micro_root="" r
  for r in "$@"; do [[ "$r" != floor ]] && { micro_root="$r"; break; }; done
  mkdir -p "$data/floor-war"
  echo '<!DOCTYPE html><title>floor</title>' > "$data/floor-war/index.html"
  (cd "$data/floor-war" && jar --create --file "$data/floor.war" index.html)
  local memory=() # the memory settings server-config/start gives a node, where the build has them
  [[ -f "$micro_root/server-config/memory.jvm-options" ]] && memory=("@$micro_root/server-config/memory.jvm-options")
  MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}" java "${memory[@]}" ${OPENVISIT_JAVA_OPTS:--Xmx1g} -Dhazelcast.socket.bind.any=false \
    -jar "$micro_root/micro/target/payara-micro.jar" \
    --rootdir "$data/payara-runtime" --clustermode "tcpip:127.0.0.1:$((port + 1))" --interfaces 127.0.0.1 \
    --clustername "bench-floor-$port" --startport $((port + 1)) --port "$port" \
    --prebootcommandfile "$micro_root/server-config/pre-boot-commands.asadmin" \
    --logproperties "$micro_root/server-config/logging.properties" --deploy "$data/floor.war" > "$data/console.log" 2>&1 &
  script=$!
}
is_ready() {
  if [[ "$1" == floor ]]; then
    curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$port/floor/" 2>/dev/null
  else
    health="$(curl -fsS --max-time 2 "http://127.0.0.1:$port/health/ready" 2>/dev/null)" \
      && [[ "$health" == *'"name":"database"'* ]]
  fi
}
printf '%-5s %-28s %8s %7s %10s %10s %8s  %s\n' round root s-ready cpu-s main-cpu-s deploy-s rss-MiB 'loadavg before'
for round in $(seq 1 "$rounds"); do
  for root in "$@"; do
    data="$(mktemp -d)"
    if [[ -n "${BENCH_RESTART:-}" && "$root" != floor ]]; then prepare_data "$root"; fi
    load="$(cut -d' ' -f1-3 /proc/loadavg)"
    start=$(date +%s.%N)
    if [[ "$root" == floor ]]; then
      start_floor "$@"
    else
      OPENVISIT_PORT=$port OPENVISIT_DATA="$data" OPENVISIT_GRID_PORT=$((port + 1)) \
        OPENVISIT_SANDBOX="${BENCH_SANDBOX:-false}" OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM" \
        setsid "$root/server-config/start" > "$data/console.log" 2>&1 &
      script=$!
    fi
    pid=""
    until is_ready "$root"; do
      kill -0 "$script" 2>/dev/null || { echo "start failed:"; tail -30 "$data/console.log"; exit 1; }
      sleep 0.1
    done
    ready=$(date +%s.%N)
    if [[ "$root" == floor ]]; then pid="$script"; else pid="$(pgrep -P "$script" java || pgrep -f -- "--port $port " | head -1)"; fi
    read -r -a stat < <(sed 's/^.*) //' "/proc/$pid/stat")
    cpu=$(awk -v u="${stat[11]}" -v s="${stat[12]}" -v t="$tick" 'BEGIN{printf "%.1f", (u+s)/t}')
    rss=$(( $(awk '/VmRSS/{print $2}' "/proc/$pid/status") / 1024 ))
    # Payara Micro deploys on the JVM's main thread: its own CPU seconds, the least load-sensitive figure here. On
    # Linux it is the one task besides the launcher's (task id = pid) that keeps the name "java" (threads the JVM or
    # Java code starts are named).
    main_cpu="?"
    for task in /proc/$pid/task/*; do
      if [[ "${task##*/}" != "$pid" && "$(cat "$task/comm" 2>/dev/null)" == java ]]; then
        read -r -a tstat < <(sed 's/^.*) //' "$task/stat")
        main_cpu=$(awk -v u="${tstat[11]}" -v s="${tstat[12]}" -v t="$tick" 'BEGIN{printf "%.1f", (u+s)/t}')
      fi
    done
    deployed="$(grep -o 'successfully deployed in [0-9,]* milliseconds' "$data/console.log" | head -1 | tr -dc 0-9)"
    printf '%-5s %-28s %8.1f %7s %10s %10s %8s  %s\n' "$round" "$(basename "$root")" \
      "$(awk -v a="$start" -v b="$ready" 'BEGIN{print b-a}')" "$cpu" "$main_cpu" "$(awk -v d="${deployed:-0}" 'BEGIN{printf "%.1f", d/1000}')" "$rss" "$load"
    # With -XX:StartFlightRecording in OPENVISIT_JAVA_OPTS: BENCH_JFR=FILE dumps the recording up to ready.
    [[ -n "${BENCH_JFR:-}" ]] && jcmd "$pid" JFR.dump name=start filename="$BENCH_JFR.$round.$(basename "$root").jfr" >/dev/null
    [[ -n "${BENCH_KEEP_LOG:-}" ]] && cp "$data/console.log" "$BENCH_KEEP_LOG.$round.$(basename "$root").log"
    kill -TERM "$script"; wait "$script" 2>/dev/null || true
    # The grid and HTTP ports free before the next start.
    while pgrep -f -- "--port $port " >/dev/null; do sleep 0.2; done
    rm -rf "$data"; data=""; script=""
    sleep 2
  done
done
