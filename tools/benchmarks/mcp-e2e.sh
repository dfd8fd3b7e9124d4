#!/usr/bin/env bash
# tools/benchmarks/mcp-e2e.sh: one Scribe server (this checkout, --fsync batch), then read_recent on a
# small log, append_entry at 64 sessions (closed loop, then open loop at 1,000/s), read_recent at 64
# sessions and 1 session on the grown log. Build first: mvn -B -o -q package -DskipTests -pl tools/cli,tools/benchmarks -am
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
data=$(mktemp -d /tmp/scribe-e2e-XXXX)
cd "$root"
SCRIBE_SKIP_BUILD=1 SCRIBE_JAVA_OPTS="-Xmx2g" tools/scribe serve --data "$data" --port 0 > "$data.server.log" 2>&1 &
spid=$!
for i in $(seq 1 200); do [ -f "$data/server.json" ] && break; sleep 0.2; done
port=$(sed -E 's/.*"httpPort" *: *([0-9]+).*/\1/' "$data/server.json")
gen() { java -Xmx1g -cp "$root/tools/benchmarks/target/benchmarks.jar" dev.scribe.bench.load.LoadGenerator --url "http://127.0.0.1:$port/mcp" --server-pid $spid "$@" 2>&1; }
show() { grep -E "calls/s|server CPU| ms: p50|^ +[0-9.]+ +(CN|scribe|vert|GC|Lucene)" | head -${1:-12}; }
echo "== small log, read_recent 1 session $(uptime | sed 's/.*load/load/')"; gen --sessions 1 --warmup 10 --seconds 15 --tool read_recent | show 4
echo "== append_entry 64 closed $(uptime | sed 's/.*load/load/')"; gen --sessions 64 --warmup 30 --seconds 30 --tool append_entry | show 14
echo "== append_entry 64 open 1000/s $(uptime | sed 's/.*load/load/')"; gen --sessions 64 --warmup 10 --seconds 20 --rate 1000 --tool append_entry | show 4
echo "== read_recent 64 closed $(uptime | sed 's/.*load/load/')"; gen --sessions 64 --warmup 10 --seconds 20 --tool read_recent | show 4
echo "== read_recent 1 closed $(uptime | sed 's/.*load/load/')"; gen --sessions 1 --warmup 10 --seconds 20 --tool read_recent | show 4
echo "== read_recent 64 open 1000/s $(uptime | sed 's/.*load/load/')"; gen --sessions 64 --warmup 10 --seconds 20 --rate 1000 --tool read_recent | show 4
echo "== data dir $(du -sh $data | cut -f1); $(uptime | sed 's/.*load/load/')"
kill $spid; wait $spid 2>/dev/null || true
rm -rf "$data" "$data.server.log"
