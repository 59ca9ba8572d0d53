#!/usr/bin/env bash
# The long contract run of every service (or those named with --service): servers, the Python
# tools, then tools/contract/fuzz.ts, which starts each service as its integration test does and
# runs openapi-spec-validator and schemathesis (one run per role token and one without) with a
# bigger budget, printing the counts (cases, 5xx, schema violations, undocumented statuses).
#
#   npm run fuzz -- --cases 1000          # or: bash tools/contract/fuzz.sh --cases 1000 --service employers
#
# --cases N: schemathesis --max-examples, test cases per operation and phase for each token (200).
# Exit 0 when nothing was found, 1 with findings, 2 when it could not run.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/common.sh"
cd "${FRONTERA_ROOT}"

ensure_node_modules
ensure_python_tools
start_servers
create_topics >/dev/null
exec node tools/scripts/run-ts.cjs tools/contract/fuzz.ts "$@"
