#!/usr/bin/env bash
# Bytes the server allocates per tool call, by thread group: the figure behind BENCHMARKS.md's
# "Ninth session". Unlike latency and calls/s on this VM, it hardly moves from run to run, so two
# builds can be compared with one run each. Needs a built tree (mvn -B -o package -DskipTests).
#
# Usage: tools/benchmarks/alloc/alloc-per-call.sh [SERVER_TREE]
#   A fresh server (`--fsync batch`, -Xmx2g), a 30 s closed-loop health_check warm-up at 64
#   sessions, then a JFR recording (jdk.ThreadAllocationStatistics at its start and its end) around
#   20 s of health_check at 5,000 calls/s. SERVER_TREE: the checkout whose server to run (default:
#   this one); the generator is this one's. TOOL=... and RATE=... change the call and the rate.
set -euo pipefail
here="$(cd "$(dirname "$0")/../../.." && pwd)"; tree="$(cd "${1:-$here}" && pwd)"
rate=${RATE:-5000}; tool=${TOOL:-health_check}
G=(java -Xmx1g -cp "$here/tools/benchmarks/target/benchmarks.jar" dev.scribe.bench.load.LoadGenerator)
data=$(mktemp -d); jfr="$data.jfr"; cd "$tree"
SCRIBE_SKIP_BUILD=1 SCRIBE_JAVA_OPTS="-Xmx2g" tools/scribe serve --data "$data" --port 0 > "$data.log" 2>&1 &
for _ in $(seq 1 200); do [ -f "$data/server.json" ] && break; sleep 0.2; done
jpid=$(pgrep -f "scribe.*$data" | while read -r p; do [ "$(cat /proc/$p/comm)" = java ] && echo "$p"; done | head -1)
trap 'kill "$jpid" 2>/dev/null; rm -rf "$data" "$data.log" "$jfr"' EXIT
port=$(sed -E 's/.*"httpPort" *: *([0-9]+).*/\1/' "$data/server.json")
args=(--url "http://127.0.0.1:$port/mcp" --server-pid "$jpid" --sessions 64 --tool "$tool")
[ "$tool" = health_check ] && args+=(--no-bind)
"${G[@]}" "${args[@]}" --warmup 5 --seconds 30 > /dev/null
jcmd "$jpid" JFR.start name=alloc settings="$here/tools/benchmarks/alloc/allocation.jfc" > /dev/null
report=$("${G[@]}" "${args[@]}" --warmup 0 --seconds 20 --rate "$rate" | grep -E "calls/s")
jcmd "$jpid" JFR.stop name=alloc filename="$jfr" > /dev/null
echo "$report"
calls=$(echo "$report" | sed -E 's/.*: ([0-9]+) calls in.*/\1/')
jfr print --json --events jdk.ThreadAllocationStatistics "$jfr" | python3 -c '
import sys, json, re, collections
calls = int(sys.argv[1])
first, last, group = {}, {}, {}
events = json.load(sys.stdin)["recording"]["events"]
for ev in sorted(events, key=lambda e: e["values"]["startTime"]):
    v = ev["values"]
    tid = v["thread"]["javaThreadId"]
    first.setdefault(tid, v["allocated"]); last[tid] = v["allocated"]
    group[tid] = re.sub(r"\d+", "N", v["thread"]["javaName"] or "?")
per = collections.Counter()
for k in last:
    per[group[k]] += last[k] - first[k]
print(f"server allocation per call: {sum(per.values()) / calls:.0f} B over {calls} calls")
for name, b in per.most_common(8):
    print(f"  {b / calls:7.0f} B  {name}")
' "$calls"
