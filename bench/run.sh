#!/usr/bin/env bash
# Baseline ceilings of the local servers (npm run bench). See bench/README.md.
#
# Usage: bash bench/run.sh [--quick] [--only=mongo,lookups,kafka,bullmq,http] [--runs=N]
#   Starts (or reuses) the local servers it needs, then runs bench/baseline/baseline.bench.ts,
#   which prints a table and writes bench/results/baseline-<timestamp>.json and
#   bench/results/baseline-latest.json.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "${BENCH_DIR}/.." && pwd)"
SERVERS_SH="${ROOT}/infra/local/servers.sh"

for arg in "$@"; do
  if [[ ${arg} == -h || ${arg} == --help ]]; then
    exec node "${ROOT}/tools/scripts/run-ts.cjs" "${BENCH_DIR}/baseline/baseline.bench.ts" --help
  fi
done

# Which servers the selected suites need (mongo → ferretdb, which brings postgres; http: none).
only=""
for arg in "$@"; do
  case ${arg} in --only=*) only="${arg#--only=}" ;; esac
done
servers=()
if [[ -z ${only} ]]; then
  servers=(all)
else
  IFS=',' read -r -a suites <<<"${only}"
  for suite in "${suites[@]}"; do
    case ${suite} in
      mongo | lookups) servers+=(postgres ferretdb) ;;
      kafka) servers+=(kafka) ;;
      bullmq) servers+=(redis) ;;
      *) ;; # http needs no server; unknown names are reported by the TypeScript side
    esac
  done
fi

# shellcheck source=../scripts/lib/common.sh
source "${ROOT}/scripts/lib/common.sh"
ensure_node_modules
if [[ ${servers[*]-} == all ]]; then
  say "starting local servers"
  start_servers
elif ((${#servers[@]} > 0)); then
  say "starting local servers: ${servers[*]}"
  bash "${SERVERS_SH}" start "${servers[@]}"
  eval "$(bash "${SERVERS_SH}" env)"
fi
say "running baseline benchmark"

cd "${ROOT}"
exec node tools/scripts/run-ts.cjs bench/baseline/baseline.bench.ts "$@"
