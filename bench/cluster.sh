#!/usr/bin/env bash
# Scale-out figures (issue 19): the same measurements on one node and on two nodes behind nginx, in one run, so that
# the two-node figures can be read as ratios of the one-node ones on the same machine and load.
#
#   bench/cluster.sh [lobby-sockets=2000] [admits=200] [launch-seconds=15]
#
# Each round starts `server-config/cluster-start N` (PostgreSQL at 127.0.0.1:5432, a database of its own that is
# dropped afterwards; data grid on 127.0.0.1 only; nginx on 127.0.0.1) and prints:
#  * node start: seconds from `server-config/start` to ready, per node (node 2 joins a live cluster);
#  * lobby: patients joining through the balancer (join link, then the lobby socket with the browsers' heartbeat,
#    bench/LobbyLoad.java), how many sockets each node holds, the heap per socket summed over the nodes, and from
#    that how many lobby sockets the round's nodes hold in their heaps (an estimate: free heap / heap per socket);
#    and the same from the heap each further socket costs (the growth over the second half of the sockets, on top
#    of what the heaps held halfway), which leaves out what grows only once, such as the data grid's stores for
#    each of its 271 partitions and their backup copies;
#  * admit -> "admitted" p50/p99 with the clinician on one node and the patients spread over all (across nodes);
#  * launches/s through the balancer (bench/LaunchBench.java, concurrency 16, sandbox on node 1).
# Write-back drain is measured by bench/writeback.sh (one node; the relay's claims across nodes are proven by
# WriteBackClusterIT, not timed here).
# Needs a build (mvn -B -DskipTests package), nginx, psql, jcmd and ss. Settings: BENCH_PORT (the balancer's port of
# the first round), BENCH_HEAP (each node's -Xmx, default 768m), BENCH_WARMUP (patients who join and leave before
# the first measurement, default 500, then 65 s: what each node makes once on first use belongs to its baseline, not to the
# sockets; see bench/README.md), BENCH_HISTOGRAM=1 (which classes the lobby sockets'
# heap grew by on each node, per socket: jcmd GC.class_histogram before and after).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sockets="${1:-2000}"
admits="${2:-200}"
launch_seconds="${3:-15}"
heap="${BENCH_HEAP:-768m}"
warmup="${BENCH_WARMUP:-500}"
port="${BENCH_PORT:-$((21000 + RANDOM % 10000))}"
work="$(mktemp -d)"
cluster=""
sampler=""
dbs=()
cleanup() {
  # the socket sampler too: a subshell left running would keep the benchmark lock (its inherited descriptor)
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null
  if [[ -n "$cluster" ]]; then
    kill -TERM "$cluster" 2>/dev/null || true
    wait "$cluster" 2>/dev/null || true
  fi
  for db in "${dbs[@]}"; do
    psql -h 127.0.0.1 -U postgres -d postgres -qtA -c "drop database if exists $db with (force)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
node_pid() { pgrep -f -- "payara-micro.jar .*--port $1( |$)" | head -1; }
# established connections to a node's port: each lobby socket is one, from nginx
established() { ss -Htn state established "( sport = :$1 )" | wc -l; }

declare -A figure
round() {
  local nodes=$1 base=$2
  local data="$work/round-$nodes" db="openvisit_bench_cluster_$base"
  dbs+=("$db")
  echo
  echo "== $nodes node(s) behind nginx on 127.0.0.1:$base"
  OPENVISIT_CLUSTER_PORT=$base OPENVISIT_CLUSTER_DATA="$data" OPENVISIT_CLUSTER_DB="$db" \
    OPENVISIT_GRID_BASE_PORT=$((base + 100)) OPENVISIT_JAVA_OPTS="-Xmx$heap" OPENVISIT_START_TIMEOUT=600 \
    OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM-$RANDOM" \
    "$root/server-config/cluster-start" "$nodes" > "$work/cluster-$nodes.log" 2>&1 &
  cluster=$!
  until grep -q "cluster of $nodes node(s) is ready" "$work/cluster-$nodes.log"; do
    kill -0 "$cluster" 2>/dev/null || { echo "the cluster did not start:"; tail -30 "$work/cluster-$nodes.log"; exit 1; }
    sleep 1
  done
  local pids="" starts=""
  for i in $(seq 1 "$nodes"); do
    pids+="${pids:+,}$(node_pid $((base + i)))"
    starts+="${starts:+ }$(grep -o 'node '"$i"' is ready (ready after [0-9]*s' "$work/cluster-$nodes.log" | grep -o '[0-9]*s$')"
  done
  echo "node start (server-config/start to ready): $starts"
  figure[$nodes,start]="$starts"

  # sockets per node, sampled while the lobby is full
  ( while sleep 5; do
      line=""
      for i in $(seq 1 "$nodes"); do line+="$(established $((base + i))) "; done
      echo "$line"
    done ) > "$work/sockets-$nodes.txt" &
  sampler=$!
  java -Xmx1g -Djdk.httpclient.connectionPoolSize=0 -Dwarmup="$warmup" "$root/bench/LobbyLoad.java" "http://127.0.0.1:$base/" \
    "$pids" "$sockets" "$admits" | tee "$work/lobby-$nodes.txt"
  kill "$sampler" 2>/dev/null || true
  sampler=""
  local per_node
  per_node="$(awk '{s=0; for(i=1;i<=NF;i++) s+=$i; if (s>=m) {m=s; l=$0}} END{print l}' "$work/sockets-$nodes.txt")"
  echo "established connections per node at the fullest sample: ${per_node:-none}"
  figure[$nodes,per-node]="${per_node:-?}"
  figure[$nodes,open]="$(grep -o '[0-9]* of [0-9]* lobby sockets still open' "$work/lobby-$nodes.txt" | cut -d' ' -f1)"
  figure[$nodes,kib]="$(grep -o 'heap [0-9.]* KiB' "$work/lobby-$nodes.txt" | grep -o '[0-9.]*')"
  figure[$nodes,admit]="$(grep -o 'p50 [0-9.]* ms, p99 [0-9.]* ms' "$work/lobby-$nodes.txt")"
  local heap_before
  heap_before="$(grep -o 'server before: heap [0-9.]*' "$work/lobby-$nodes.txt" | grep -o '[0-9.]*$')"
  local heap_mib=${heap%m}
  figure[$nodes,capacity]="$(awk -v n="$nodes" -v h="$heap_mib" -v b="$heap_before" -v k="${figure[$nodes,kib]}" \
    'BEGIN{ if (k > 0) printf "%d", (n * h * 0.8 - b) * 1024 / k; else print "?" }')"

  # the same from the heap each further socket costs (the second half's growth), on top of what the heaps held halfway
  local half_line
  half_line="$(grep -o 'second half: heap [0-9.]* MiB at [0-9]* sockets, [0-9.]* KiB' "$work/lobby-$nodes.txt" || true)"
  figure[$nodes,marginal]="$(awk '{print $9}' <<<"$half_line")"
  figure[$nodes,capacity-marginal]="$(awk -v n="$nodes" -v h="$heap_mib" '{ if ($9 + 0 > 0) printf "%d", $7 + (n * h * 0.8 - $4) * 1024 / $9; else print "?" }' <<<"$half_line")"

  java -Xmx512m -Dwarmup=5 "$root/bench/LaunchBench.java" "http://127.0.0.1:$base/" \
    "http://127.0.0.1:$base/" "$pids" "$launch_seconds" 16 | tee "$work/launch-$nodes.txt"
  figure[$nodes,launches]="$(awk '$1=="launch"{print $3}' "$work/launch-$nodes.txt")"

  kill -TERM "$cluster" 2>/dev/null || true
  wait "$cluster" 2>/dev/null || true
  cluster=""
}

while ! free_port "$port" || ! free_port $((port + 1)) || ! free_port $((port + 2)); do port=$((port + 3)); done
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine slows every figure)"
round 1 "$port"
round 2 $((port + 10))

echo
echo "== summary (same run, same machine; each node -Xmx$heap)"
printf '%-44s %-22s %-22s %s\n' "" "one node" "two nodes" "two / one"
printf '%-44s %-22s %-22s\n' "node start, s (to ready)" "${figure[1,start]}" "${figure[2,start]}"
printf '%-44s %-22s %-22s\n' "lobby sockets open after 35 s of heartbeats" "${figure[1,open]}" "${figure[2,open]}"
printf '%-44s %-22s %-22s\n' "connections per node (fullest sample)" "${figure[1,per-node]}" "${figure[2,per-node]}"
printf '%-44s %-22s %-22s\n' "heap per lobby socket, KiB (all nodes)" "${figure[1,kib]}" "${figure[2,kib]}"
printf '%-44s %-22s %-22s %s\n' "lobby sockets the heaps hold (estimate)" "${figure[1,capacity]}" "${figure[2,capacity]}" \
  "$(awk -v a="${figure[1,capacity]}" -v b="${figure[2,capacity]}" 'BEGIN{ if (a + 0 > 0) printf "%.2f", b / a }')"
printf '%-44s %-22s %-22s\n' "heap per further lobby socket, KiB" "${figure[1,marginal]:-?}" "${figure[2,marginal]:-?}"
printf '%-44s %-22s %-22s %s\n' "lobby sockets the heaps hold (from it)" "${figure[1,capacity-marginal]:-?}" \
  "${figure[2,capacity-marginal]:-?}" \
  "$(awk -v a="${figure[1,capacity-marginal]:-0}" -v b="${figure[2,capacity-marginal]:-0}" 'BEGIN{ if (a + 0 > 0) printf "%.2f", b / a }')"
printf '%-44s %-22s %-22s\n' "admit -> admitted" "${figure[1,admit]}" "${figure[2,admit]}"
printf '%-44s %-22s %-22s %s\n' "launches/s through nginx (16 at once)" "${figure[1,launches]}" "${figure[2,launches]}" \
  "$(awk -v a="${figure[1,launches]}" -v b="${figure[2,launches]}" 'BEGIN{ if (a + 0 > 0) printf "%.2f", b / a }')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo) GiB; java $(java -version 2>&1 | head -1 | cut -d'"' -f2)"
