#!/usr/bin/env bash
# The embedded H2's durability and its cost, before and after, in one run (issue 13): for H2's default and for
# WRITE_DELAY=0, commits per second (one event and one write-back task per commit, as the outbox does), and how
# many of 10 commits survive a kill -9 of the process 20 ms after the commit returned. Needs Java 17 and the H2 jar
# from the local Maven repository (any build fetched it). Settings: -Dcommits=N -Dkills=N via H2_BENCH_OPTS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=$(sed -n 's:.*<h2.version>\(.*\)</h2.version>.*:\1:p' "$root/pom.xml")
jar="$HOME/.m2/repository/com/h2database/h2/$version/h2-$version.jar"
[[ -f "$jar" ]] || { echo "no $jar: build the project once (mvn -B -DskipTests package)"; exit 1; }
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -d "$classes" -cp "$jar" "$root/bench/H2Durability.java"
java ${H2_BENCH_OPTS:-} -cp "$classes:$jar" H2Durability
echo "H2 $version; machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); disk: $(df -T /tmp | awk 'NR==2{print $2}') (/tmp)"
