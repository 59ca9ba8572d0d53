#!/usr/bin/env bash
# The audits service's planning and sweep as the register grows, and one BullMQ job scheduler per
# employer as the alternative (npm run bench:audits). See bench/README.md and docs/decisions/0038.
#
# Usage: bash bench/audits/run.sh [--quick] [--sizes=N,N,…] [--sample=N] [--due=N] [--runs=N]
#                                 [--schedulers=N] [--only=service,schedulers] [--redis-db=N]
#   Starts (or reuses) the local servers and creates the catalogue topics that are missing, then runs
#   bench/audits/audits.bench.ts (the service's AppModule in the bench process: nothing to build),
#   which prints a table and writes bench/results/audits-<timestamp>.json and
#   bench/results/audits-latest.json. --help lists the options.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "${BENCH_DIR}/.." && pwd)"

for arg in "$@"; do
  if [[ ${arg} == -h || ${arg} == --help ]]; then
    exec node "${ROOT}/tools/scripts/run-ts.cjs" "${BENCH_DIR}/audits/audits.bench.ts" --help
  fi
done

# shellcheck source=../../scripts/lib/common.sh
source "${ROOT}/scripts/lib/common.sh"
ensure_node_modules
say "starting local servers"
start_servers
say "creating missing topics"
create_topics
say "running audits benchmark"

cd "${ROOT}"
exec node tools/scripts/run-ts.cjs bench/audits/audits.bench.ts "$@"
