#!/usr/bin/env bash
# Runs Scribe under an open-loop health_check load and traces the kernel's scheduler meanwhile, so
# that each slow call can be lined up with what every thread was doing (BENCHMARKS.md, "Eighth
# session"). Needs root (ftrace under /sys/kernel/tracing) and a built tree
# (mvn -B -o package -DskipTests).
#
# Usage: tools/benchmarks/trace/trace-slow-calls.sh RATE OUT [SERVER_TREE]
#   RATE         calls/s of the measured open-loop run (10 s, after a 40 s closed-loop warm-up and
#                a 15 s generator warm-up at the rate)
#   OUT          prefix of the files written: OUT-slow.csv (the generator's slow calls, with the
#                run's start on CLOCK_MONOTONIC), OUT.trace (ftrace: sched_switch, sched_wakeup,
#                kernel stacks of blocking switches), OUT.threads / OUT.genthreads (tid -> name of
#                the server's and the generator's threads)
#   SERVER_TREE  the checkout whose server to run (default: this one); the generator is this one's
# Then: python3 tools/benchmarks/trace/slow_calls.py OUT   (clusters, waits, blocked threads)
set -euo pipefail
rate=$1; out=$(realpath -m "$2")
here="$(cd "$(dirname "$0")/../../.." && pwd)"; tree="$(cd "${3:-$here}" && pwd)"
T=/sys/kernel/tracing
G=(java -Xmx1g -cp "$here/tools/benchmarks/target/benchmarks.jar" dev.scribe.bench.load.LoadGenerator)
data=$(mktemp -d); cd "$tree"
SCRIBE_SKIP_BUILD=1 SCRIBE_JAVA_OPTS="-Xmx2g" tools/scribe serve --data "$data" --port 0 \
  --max-sessions 20000 --fsync "${FSYNC:-batch}" > "$data.log" 2>&1 &
for _ in $(seq 1 200); do [ -f "$data/server.json" ] && break; sleep 0.2; done
jpid=$(pgrep -f "scribe.*$data" | while read -r p; do [ "$(cat /proc/$p/comm)" = java ] && echo "$p"; done | head -1)
port=$(sed -E 's/.*"httpPort" *: *([0-9]+).*/\1/' "$data/server.json")
url="http://127.0.0.1:$port/mcp"
"${G[@]}" --url "$url" --server-pid "$jpid" --sessions 64 --warmup 5 --seconds 40 --tool health_check --no-bind | grep -E "calls/s"

# Leave the kernel's tracer as found, whatever happens: off, its clock and buffer size restored.
clock=$(sed -E 's/.*\[([a-z0-9_-]+)\].*/\1/' $T/trace_clock); buffer=$(cat $T/buffer_size_kb)
untrace() {
  echo 0 > $T/tracing_on
  echo "!stacktrace if prev_state & 2" > $T/events/sched/sched_switch/trigger 2>/dev/null || true
  echo > $T/set_event; echo > $T/trace
  echo "$clock" > $T/trace_clock; echo "$buffer" > $T/buffer_size_kb
}
stop_server() {  # waits (up to 10 s) for it to close its log before deleting the data
  kill "$jpid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$jpid" 2>/dev/null || break; sleep 0.2; done
}
trap 'untrace; stop_server; rm -rf "$data" "$data.log"' EXIT
echo 0 > $T/tracing_on; echo > $T/trace; echo mono > $T/trace_clock; echo 30000 > $T/buffer_size_kb
echo > $T/set_event
for e in sched:sched_switch sched:sched_wakeup; do echo $e >> $T/set_event; done
echo "stacktrace if prev_state & 2" > $T/events/sched/sched_switch/trigger
echo 1 > $T/tracing_on
"${G[@]}" --url "$url" --server-pid "$jpid" --sessions 64 --warmup 15 --seconds 10 --tool health_check \
  --no-bind --rate "$rate" --slow-calls "$out-slow.csv" > "$out.gen" 2>&1 &
gen=$!; sleep 2
gj=$(pgrep -f "LoadGenerator --url $url" | while read -r p; do [ "$(cat /proc/$p/comm)" = java ] && echo "$p"; done | head -1)
for k in $(ls /proc/$gj/task); do echo "$k $(cat /proc/$gj/task/$k/comm)"; done > "$out.genthreads"
wait $gen; grep -E "calls/s|ms: p50" "$out.gen"
echo 0 > $T/tracing_on
cat $T/trace > "$out.trace"
for k in $(ls /proc/$jpid/task); do echo "$k $(cat /proc/$jpid/task/$k/comm)"; done > "$out.threads"
