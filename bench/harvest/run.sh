#!/usr/bin/env bash
# Harvest season, one command (npm run bench:harvest): bench/system (P1, P2, memory), bench/permits
# (P4, P5) and bench/audits (P3) one after the other, then one table of the goals. See bench/README.md.
#
# Usage: bash bench/harvest/run.sh [--quick] [--summary] [--skip=system,permits,audits]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=../../scripts/lib/common.sh
source "${ROOT}/scripts/lib/common.sh"
ensure_node_modules
cd "${ROOT}"
exec node tools/scripts/run-ts.cjs bench/harvest/harvest.ts "$@"
