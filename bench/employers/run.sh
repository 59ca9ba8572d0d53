#!/usr/bin/env bash
# The employers service under load, against ceilings measured in the same run
# (npm run bench:employers). See bench/README.md.
#
# Usage: bash bench/employers/run.sh [--quick] [--runs=N] [--sizes=100,1000,10000,100000|none]
#          [--sweep-runs=N] [--cpu-prof] [--service-node-options='…']
#   Starts (or reuses) the local servers, creates the catalogue topics that are missing, builds
#   the service (npx nx build employers: a no-op from Nx's cache when nothing changed), then runs
#   bench/employers/employers.bench.ts, which prints a table and writes
#   bench/results/employers-<timestamp>.json and bench/results/employers-latest.json.
#   --help lists the options (bench/README.md explains the figures).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "${BENCH_DIR}/.." && pwd)"

for arg in "$@"; do
  if [[ ${arg} == -h || ${arg} == --help ]]; then
    exec node "${ROOT}/tools/scripts/run-ts.cjs" "${BENCH_DIR}/employers/employers.bench.ts" --help
  fi
done

# shellcheck source=../../scripts/lib/common.sh
source "${ROOT}/scripts/lib/common.sh"
ensure_node_modules
say "starting local servers"
start_servers
say "creating missing topics"
create_topics
say "building the employers service"
(cd "${ROOT}" && npx nx build employers --outputStyle=static >/dev/null) || fail "npx nx build employers failed"
say "running employers benchmark"

cd "${ROOT}"
exec node tools/scripts/run-ts.cjs bench/employers/employers.bench.ts "$@"
