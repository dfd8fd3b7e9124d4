#!/usr/bin/env bash
# Runs the event-log benchmarks recorded in BENCHMARKS.md ("Event log").
# Usage: tools/benchmarks/run-eventlog-benchmarks.sh [output-dir]
# Needs ~7 GB free in ${TMPDIR:-/tmp} for the 10M-event log (deleted at the end).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-target/eventlog-bench}
mkdir -p "$OUT"
JAR=tools/benchmarks/target/benchmarks.jar
[ -f "$JAR" ] || mvn -B -o -q -pl tools/benchmarks -am package -DskipTests
FLAGS=(-Dchronicle.analytics.disable=true
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.util=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED)

# 1. JMH: append (none, group commit, serial per-event sync) and replay. ops/s = events/s.
java "${FLAGS[@]}" -jar "$JAR" 'EventLogBenchmarks' -rf json -rff "$OUT/jmh.json" | tee "$OUT/jmh.txt"

# 2. Open + verify the tail of a 10M-event log, in a fresh JVM; then the full verify walk.
LOG=$(mktemp -d "${TMPDIR:-/tmp}/scribe-10m.XXXXXX")
trap 'rm -rf "$LOG"' EXIT
MAIN=dev.scribe.benchmarks.OpenVerifyMain
java "${FLAGS[@]}" -Xmx4g -cp "$JAR" $MAIN generate "$LOG" 10000000 | tee "$OUT/open.txt"
du -sh "$LOG" | tee -a "$OUT/open.txt"
for i in 1 2 3; do java "${FLAGS[@]}" -Xmx4g -cp "$JAR" $MAIN open "$LOG" | tee -a "$OUT/open.txt"; done
# Worst case after a crash: the snapshot is 999,999 events behind (default interval 1M).
java "${FLAGS[@]}" -Xmx4g -cp "$JAR" $MAIN append-and-halt "$LOG" 999999 | tee -a "$OUT/open.txt"
java "${FLAGS[@]}" -Xmx4g -cp "$JAR" $MAIN open "$LOG" | tee -a "$OUT/open.txt"
java "${FLAGS[@]}" -Xmx4g -cp "$JAR" $MAIN verify "$LOG" | tee -a "$OUT/open.txt"
