#!/usr/bin/env bash
# Group visits through the SFU (issue 21): one room of N people (a clinician and N-1 patients and guests, each a
# headless Chromium with fake camera and microphone, media over loopback only) on OpenVisit started by
# server-config/start (-Xmx1g, H2) with Debian's Janus (server-config/janus, media on lo). Prints, from the
# clinician's "Admit all": each browser's time to its first decoded frame of the clinician's video (p50/p99/max) and
# to decoding everyone; Janus's and OpenVisit's CPU and memory with the clinician alone in the call (the baseline,
# measured in the same run) and with everyone in it, per participant. Prints figures, asserts nothing.
# Usage: bench/sfu.sh [people=12] [camera=small|default]   (5 or more: four and fewer stay a mesh; 12 is the room's
# video limit. camera small: the integration test's fake camera, 160 x 120 at 10 frames a second, from
# it/target/test-classes; default: Chromium's own, 640 x 480 at 30, which 12 browsers on 2 cores cannot decode)
# Needs a build (mvn -B -DskipTests package), chromium and chromium-driver, janus (apt-get install janus).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/lib.sh"
people="${1:-12}"
camera="${2:-small}"
command -v chromedriver >/dev/null || { echo "chromedriver is missing (apt-get install chromium-driver)"; exit 1; }
[[ -x /usr/bin/janus ]] || { echo "janus is missing (apt-get install janus)"; exit 1; }
free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pick() { local p=$((20000 + RANDOM % 20000)); while ! free "$p"; do p=$((p + 1)); done; echo "$p"; }
port=$(pick); grid=$((port + 1)); api=$(pick); admin=$(pick)
data="$(mktemp -d)"
script=""; janus_pid=""; java_pid=""
cleanup() {
  [[ -n "$script" ]] && kill -TERM "$script" 2>/dev/null
  [[ -n "$janus_pid" ]] && kill -TERM "$janus_pid" 2>/dev/null
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
echo "camera: $camera"
java -Xmx512m -Dsfu.camera="$camera" -Dopenvisit.it.output="$data" \
  -cp "$(cat "$data/cp.txt"):$root/it/target/test-classes" "$root/bench/SfuBench.java" "http://127.0.0.1:$port/" \
  "$people" "$janus_pid" "$java_pid"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server log lines with SEVERE: $(grep -c SEVERE "$data/server.log" || true)"
echo "machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.0f", $2/1048576}' /proc/meminfo) GiB; java $(java -version 2>&1 | head -1 | cut -d'"' -f2); $(chromium --version 2>/dev/null | head -1); janus $(/usr/bin/janus --version 2>/dev/null | head -1 | grep -o '[0-9.]*' | head -1)"
