#!/usr/bin/env bash
# P6, a national register: the permits service at a small and at the full size
# (npm run bench:register). See bench/README.md.
#
# Usage: bash bench/register/run.sh [--quick] [--employers=N] [--small=N] [--runs=N] [--keep]
#   Starts (or reuses) the local servers, creates the catalogue topics that are missing, builds
#   the service (npx nx build permits: a no-op from Nx's cache when nothing changed), then runs
#   bench/register/register.bench.ts, which prints a table and writes
#   bench/results/register-<timestamp>.json and bench/results/register-latest.json.
#   --help lists the options (bench/README.md explains the figures).
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "${BENCH_DIR}/.." && pwd)"

for arg in "$@"; do
  if [[ ${arg} == -h || ${arg} == --help ]]; then
    exec node "${ROOT}/tools/scripts/run-ts.cjs" "${BENCH_DIR}/register/register.bench.ts" --help
  fi
done

# shellcheck source=../../scripts/lib/common.sh
source "${ROOT}/scripts/lib/common.sh"
ensure_node_modules
say "starting local servers"
start_servers
say "creating missing topics"
create_topics
say "building the permits service"
(cd "${ROOT}" && npx nx build permits --outputStyle=static >/dev/null) || fail "npx nx build permits failed"
say "running the national register benchmark"

cd "${ROOT}"
exec node tools/scripts/run-ts.cjs bench/register/register.bench.ts "$@"
