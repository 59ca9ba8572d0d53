#!/usr/bin/env bash
# The whole test suite, on a fresh machine or a warm one:
#   dependencies (npm, system packages, the contract tests' Python tools) -> servers -> format, lint, typecheck -> unit
#   -> integration (contract tests included) -> end-to-end
# Servers are left running for the next run (reused in seconds) unless
# FRONTERA_STOP_SERVERS=1 (CI sets it). Stop them with infra/local/servers.sh stop.
# FRONTERA_TEST_INFRA=containers runs the integration and end-to-end tiers against containers
# (libs/platform/testing ContainersProvider: root, a Docker engine and the images of
# infra/docker/images.sh, prepared here first). In CI (CI=true) the end-to-end tier runs a second
# time against containers, after the local run, so that the container path cannot rot.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "${FRONTERA_ROOT}"

started=$SECONDS
results_dir="${FRONTERA_ROOT}/tmp/test-results"
rm -rf "${results_dir}" && mkdir -p "${results_dir}"
jest_flags=(--json --silent)
[[ "${CI:-}" == "true" ]] && jest_flags+=(--ci)

if [[ "${FRONTERA_STOP_SERVERS:-0}" == "1" ]]; then
  # engine.sh stop stops only a Docker engine it started itself.
  trap 'say "stopping servers"; bash infra/local/servers.sh stop || true; bash infra/docker/engine.sh stop || true' EXIT
fi

timed() {
  local name="$1"; shift
  local t0=$SECONDS
  say "${name}"
  "$@"
  echo "    ${name}: $((SECONDS - t0)) s"
}

run_tier() {
  local tier="$1" config="$2"; shift 2
  timed "${tier} tests" npx jest -c "${config}" "${jest_flags[@]}" --outputFile="${results_dir}/${tier}.json" "$@"
}

timed "dependencies" ensure_node_modules
timed "system packages" ensure_system_packages
timed "python tools" ensure_python_tools
timed "servers" start_servers
if [[ "${FRONTERA_TEST_INFRA:-local}" == "containers" || "${CI:-}" == "true" ]]; then
  timed "container engine and images" prepare_containers
fi
timed "format" npx prettier --check . --log-level warn
timed "lint" npx nx run-many -t lint --outputStyle=static --skipNxCache
timed "typecheck" npx tsc -p tsconfig.typecheck.json
run_tier unit jest.config.cjs
# Two Jest workers for the tiers against servers (Jest's default on 2 cores is one): their files wait on
# Kafka, FerretDB, schemathesis and child processes far more than they compute, and each file has its own
# databases, consumer groups and ports (decision 0033). Measured on the 2-core machine: integration
# 817 s → 311 s, audits integration 319 s → 128 s, e2e 282 s (three files) → 209 s (four).
server_workers=(--maxWorkers="${FRONTERA_TEST_WORKERS:-2}")
# The audits service's test apps plan and publish risk changes for every employer any test verifies
# on the shared topics, which the employers service's test apps then apply: its tests run apart,
# after the others, so that each service's tests see only the events of their own world.
run_tier integration jest.int.config.cjs "${server_workers[@]}" --testPathIgnorePatterns '/services/audits/'
run_tier integration-audits jest.int.config.cjs "${server_workers[@]}" services/audits
run_tier e2e jest.e2e.config.cjs "${server_workers[@]}"
if [[ "${CI:-}" == "true" && "${FRONTERA_TEST_INFRA:-local}" != "containers" ]]; then
  # The story (tests/e2e/src/story) against containers: the path operators run cannot rot. The tier's
  # short chaos run starts private local servers of its own whatever the provider: once is enough. (The
  # employers service's own e2e file does not yet pass against a freshly started Kafka container: its
  # audit outcome is not applied within 60 s — an open finding, see tests/e2e/README.md.)
  FRONTERA_TEST_INFRA=containers run_tier e2e-containers jest.e2e.config.cjs tests/e2e/src/story
fi
# The compose stack (docker-compose.yml + docker-compose.local.yml, every image built here) brought up,
# driven through nginx, restarted, taken down: opt-in (FRONTERA_COMPOSE_TEST=1), as it rebuilds the
# service images after every commit (minutes) — infra/docker/compose.md.
if [[ "${FRONTERA_COMPOSE_TEST:-0}" == "1" ]]; then
  timed "container engine" bash infra/docker/engine.sh start
  timed "every image (cached by content)" bash infra/docker/images.sh build
  run_tier compose jest.compose.config.cjs --maxWorkers=1
fi
# The three-broker Kafka cluster (a broker killed under load, two consumer instances): opt-in
# (FRONTERA_CLUSTER_TEST=1), 8–10 minutes and about 2 GB with the scale-out run — tools/ops/README.md.
if [[ "${FRONTERA_CLUSTER_TEST:-0}" == "1" ]]; then
  run_tier cluster jest.cluster.config.cjs --maxWorkers=1
fi

# One closing line for people and CI alike.
node -e '
  const fs = require("fs"), dir = process.argv[1];
  let passed = 0, failed = 0, suites = 0;
  for (const f of fs.readdirSync(dir)) {
    const r = JSON.parse(fs.readFileSync(`${dir}/${f}`, "utf8"));
    passed += r.numPassedTests; failed += r.numFailedTests; suites += r.numTotalTestSuites;
    console.log(`    ${f.replace(".json", "")}: ${r.numPassedTests} passed, ${r.numFailedTests} failed in ${r.numTotalTestSuites} files`);
  }
  console.log(`frontera: ${passed} passed, ${failed} failed`);
  if (failed > 0 || passed === 0) process.exit(1);
' "${results_dir}"
say "all green in $((SECONDS - started)) s"
