#!/usr/bin/env bash
# The whole system under a harvest wave — P1 issuance end to end, P2 event propagation, the memory of
# each service — against ceilings measured in the same run (npm run bench:system). See bench/README.md.
#
# Usage: bash bench/system/run.sh [--quick] [--runs=N]
#   Starts (or reuses) the local servers, builds the three services (a no-op from Nx's cache when
#   nothing changed), then runs bench/system/system.bench.ts, which starts them behind the nginx entry
#   point, prints a table and writes bench/results/system-<timestamp>.json and system-latest.json.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "${BENCH_DIR}/.." && pwd)"

for arg in "$@"; do
  if [[ ${arg} == -h || ${arg} == --help ]]; then
    exec node "${ROOT}/tools/scripts/run-ts.cjs" "${BENCH_DIR}/system/system.bench.ts" --help
  fi
done

# shellcheck source=../../scripts/lib/common.sh
source "${ROOT}/scripts/lib/common.sh"
ensure_node_modules
say "starting local servers"
start_servers
say "building the services"
(cd "${ROOT}" && npx nx run-many -t build -p employers permits audits --outputStyle=static >/dev/null) ||
  fail "npx nx run-many -t build failed"
say "running the system benchmark"

cd "${ROOT}"
exec node tools/scripts/run-ts.cjs bench/system/system.bench.ts "$@"
