#!/usr/bin/env bash
# Group visits through the SFU (issue 21): one room of N people on OpenVisit started by server-config/start (-Xmx1g,
# H2) with Debian's Janus (server-config/janus, media on lo); media over loopback only, no STUN. The clinician is
# always a real headless Chromium launched from the sandbox's EHR screen, with a fake camera and microphone, publishing
# to Janus. The N-1 patients and guests are, by mode:
#   load (default)  simulated by one more headless Chromium page (bench/sfu-load.js): each of them follows its own join
#                   link (its own cookie), opens its own lobby socket, is admitted by the clinician's "Admit all", gets
#                   its own Janus token from OpenVisit and runs the product's sfu.js to subscribe to the clinician's
#                   video with its own peer connection. They publish nothing (no camera, no microphone: sfu.js joins
#                   the Janus room as a participant without media, as a page without devices does), so Janus forwards
#                   one publisher to N-1 subscribers, not every publisher to everyone.
#   browsers        one real headless Chromium each, with fake camera and microphone, publishing and decoding everyone
#                   (more than about 6 do not fit on 2 cores: see bench/README.md "SFU figures").
# Prints, from the clinician's "Admit all": each one's time to its first frame of the clinician's video (p50/p99/max;
# load mode also the steps on the way and the first frame received), and (browsers) to decoding everyone; Janus's and
# OpenVisit's CPU and memory with the clinician alone in the call (the baseline, the others in the lobby, measured in
# the same run) and with everyone in it, per participant; the time from the clinician's Remove to the removed guest's
# page. Prints figures, asserts nothing.
# Usage: bench/sfu.sh [people=12] [camera=small|default] [mode=load|browsers]
#   people: 5 or more (four and fewer stay a mesh); 12 is the room's video limit: beyond it, up to 50, patients and
#   guests join watching (the clinician's video and audio only), so bench/sfu.sh 50 measures the largest call.
#   camera small: the integration test's fake camera, 160 x 120 at 10 frames a second (it/target/test-classes);
#   default: Chromium's own, 640 x 480 at 30. In load mode only the clinician has a camera.
#   SFU_LOAD_HOSTS=shared (load mode): all simulated attendees reach Janus under one host name, so their requests
#   share the page's six HTTP/1.1 connections to it (by default each has a host name of its own, *.sfu.test mapped
#   to 127.0.0.1 in the load browser, as each real patient has a browser of its own).
# Run it under the machine's bench lock: flock /tmp/bench.lock bench/sfu.sh 12
# Needs a build (mvn -B -DskipTests package, and the integration tests' classes: mvn -B -DskipTests verify), chromium
# and chromium-driver, janus (apt-get install janus).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
people="${1:-12}"
camera="${2:-small}"
mode="${3:-load}"
[[ "$mode" == load || "$mode" == browsers ]] || { echo "mode is load or browsers, not '$mode'"; exit 1; }
command -v chromedriver >/dev/null || { echo "chromedriver is missing (apt-get install chromium-driver)"; exit 1; }
[[ -x /usr/bin/janus ]] || { echo "janus is missing (apt-get install janus)"; exit 1; }
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick() { local p=$((20000 + RANDOM % 20000)); while ! free "$p"; do p=$((p + 1)); done; echo "$p"; }
port=$(pick); grid=$((port + 1)); api=$(pick); admin=$(pick)
data="$(mktemp -d)"
script=""; janus_pid=""; java_pid=""; bench_pid=""
# this run's own processes: the bench driver's descendants (chromedriver, Chromium) and any of them left behind by a
# driver that ended first (they carry SFU_BENCH_RUN=$data in their environment, which only this run gives)
descendants() { local c; for c in $(pgrep -P "$1" 2>/dev/null); do descendants "$c"; echo "$c"; done; }
leftovers() {
  local p
  for p in /proc/[0-9]*; do
    grep -qaF -- "SFU_BENCH_RUN=$data" "$p/environ" 2>/dev/null && echo "${p#/proc/}"
  done
}
cleanup() {
  local pids
  if [[ -n "$bench_pid" ]]; then
    pids="$(descendants "$bench_pid") $bench_pid"
    kill -TERM $pids 2>/dev/null
  fi
  [[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null
  [[ -n "$janus_pid" ]] && kill -TERM "$janus_pid" 2>/dev/null
  sleep 1
  pids="$(leftovers | grep -vx "$$" || true)"
  [[ -n "$pids" ]] && kill -KILL $pids 2>/dev/null
  wait 2>/dev/null
  cp "$data/server.log" "${TMPDIR:-/tmp}/sfu-bench-server.log" 2>/dev/null || true
  rm -rf "$data"
}
trap cleanup EXIT

# Selenium's jars from the local Maven repository (the integration tests fetched them)
version=$(sed -n 's:.*<selenium.version>\(.*\)</selenium.version>.*:\1:p' "$root/pom.xml")
dependency_plugin=$(grep -A1 '<artifactId>maven-dependency-plugin</artifactId>' "$root/pom.xml" | sed -n 's:.*<version>\(.*\)</version>.*:\1:p')
cat > "$data/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
<groupId>bench</groupId><artifactId>sfu</artifactId><version>1</version>
<dependencies><dependency><groupId>org.seleniumhq.selenium</groupId><artifactId>selenium-java</artifactId>
<version>$version</version></dependency></dependencies></project>
POM
mvn -B -q -o -f "$data/pom.xml" "org.apache.maven.plugins:maven-dependency-plugin:$dependency_plugin:build-classpath" -Dmdep.outputFile="$data/cp.txt" >/dev/null \
  || { echo "Selenium $version is not in the local Maven repository: run the integration tests once"; exit 1; }

# Janus as server-config/janus ships it, on free ports with secrets of this run
admin_secret="bench-admin-$RANDOM$RANDOM"; create_key="bench-create-$RANDOM$RANDOM"
mkdir -p "$data/janus"
for f in "$root"/server-config/janus/*.jcfg; do
  sed -e "s/port = 8088/port = $api/" -e "s/admin_port = 7088/admin_port = $admin/" \
      -e "s/change-me-janus-admin-secret/$admin_secret/" -e "s/change-me-videoroom-create-key/$create_key/" \
      "$f" > "$data/janus/$(basename "$f")"
done
/usr/bin/janus -F "$data/janus" -C "$data/janus/janus.jcfg" -o -E lo -r 42000-42999 > "$data/janus.log" 2>&1 &
janus_pid=$!

OPENVISIT_PORT=$port OPENVISIT_DATA="$data/data" OPENVISIT_GRID_PORT=$grid \
  OPENVISIT_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM-$RANDOM" OPENVISIT_LOBBY_OPENS_MINUTES_BEFORE=10080 \
  OPENVISIT_ROOMS_SFU_ENABLED=true OPENVISIT_ROOMS_SFU_URL="http://127.0.0.1:$api/janus" \
  OPENVISIT_ROOMS_SFU_ADMIN_URL="http://127.0.0.1:$admin/admin" OPENVISIT_ROOMS_SFU_ADMIN_SECRET="$admin_secret" \
  OPENVISIT_ROOMS_SFU_CREATE_KEY="$create_key" OPENVISIT_ROOMS_SFU_ROOM_SECRET="bench-room-secret-$RANDOM$RANDOM" \
  "$root/server-config/start" > "$data/server.log" 2>&1 &
script=$!
await_openvisit "$data/server.log" "$script"
java_pid=$openvisit_pid
echo "OpenVisit ready on port $port (pid $java_pid), Janus pid $janus_pid; $people people"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine slows every figure)"
[[ "$camera" == default || -d "$root/it/target/test-classes/org/openvisit/it/rooms" ]] \
  || { echo "the small camera comes from the integration tests' classes: build them (mvn -B -DskipTests verify)"; exit 1; }
echo "camera: $camera; mode: $mode"
mkdir -p "$data/tmp"
SFU_BENCH_RUN="$data" java -Xmx512m -Djava.io.tmpdir="$data/tmp" -Dsfu.camera="$camera" -Dopenvisit.it.output="$data" \
  -Dsfu.loadjs="$root/bench/sfu-load.js" -Dsfu.hosts="${SFU_LOAD_HOSTS:-own}" \
  -cp "$(cat "$data/cp.txt"):$root/it/target/test-classes" "$root/bench/SfuBench.java" "http://127.0.0.1:$port/" \
  "$people" "$janus_pid" "$java_pid" "$mode" &
bench_pid=$!
wait "$bench_pid" || echo "the bench driver ended with status $?"
bench_pid=""
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server log lines with SEVERE: $(grep -c SEVERE "$data/server.log" || true)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo) GiB; java $(java -version 2>&1 | head -1 | cut -d'"' -f2); $(chromium --version 2>/dev/null | head -1); janus $(/usr/bin/janus --version 2>/dev/null | head -1 | grep -o '[0-9.]*' | head -1)"
