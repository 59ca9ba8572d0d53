#!/usr/bin/env bash
# The whole system, locally: dependencies -> system packages -> servers -> topics (namespace dev) ->
# build -> every service -> the entry point (nginx, :8080) -> demo data (FRONTERA_DEMO=0 skips it) ->
# a token per role. Ctrl-C (or SIGTERM) stops the services, the entry point, then the servers.
# Set FRONTERA_KEEP_SERVERS=1 to leave the servers running afterwards.
#
# Progress: one line per step, "[3/10] starting the servers … 4 s". Each step's output goes to its log
# under tmp/dev-logs/ (the services' own logs too: tmp/dev-logs/<service>.log); a step that fails names
# itself and prints the last 30 lines of its log.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "${FRONTERA_ROOT}"

log_dir="${FRONTERA_ROOT}/tmp/dev-logs"
mkdir -p "${log_dir}"
# The servers' own logs (Kafka, PostgreSQL, FerretDB, Redis, nginx): <data dir>/log (infra/local/lib/common.sh).
server_log_dir="$(source infra/local/lib/common.sh && printf '%s' "${LOG_DIR}")"

mapfile -t services < <(list_services)
if (( ${#services[@]} == 0 )); then fail "no services found under services/"; fi

gateway_port="${FRONTERA_GATEWAY_PORT:-8080}"
gateway="http://127.0.0.1:${gateway_port}"
demo="${FRONTERA_DEMO:-1}"

step_total=$(( 8 + ${#services[@]} ))
step_no=0
step_started=0
step_label=""
step_pid=""
step_hint=""

# step_begin <label>: prints "[n/N] <label> … " and starts the step's clock.
step_begin() {
  step_no=$(( step_no + 1 ))
  step_label="$1"
  step_started=${SECONDS}
  printf '[%d/%d] %s … ' "${step_no}" "${step_total}" "${step_label}"
}

# step_end [note]: the step's duration (and a note) on the same line.
step_end() {
  printf '%d s%s\n' "$(( SECONDS - step_started ))" "${1:+ ($1)}"
}

# step_fail <log> [hint]: names the failed step and prints the last 30 lines of its log; exits 1.
step_fail() {
  local log="$1" hint="${2:-}"
  printf 'FAILED after %d s\n' "$(( SECONDS - step_started ))"
  printf '\033[31merror: step [%d/%d] "%s" failed; last 30 lines of %s:\033[0m\n' \
    "${step_no}" "${step_total}" "${step_label}" "${log}" >&2
  tail -n 30 "${log}" >&2 2>/dev/null || echo "(no log)" >&2
  if [[ -n "${hint}" ]]; then echo "${hint}" >&2; fi
  exit 1
}

# run_step <label> <log> <command...>: runs the command with its output in <log> (replaced). The
# command runs in a background subshell with errexit on (a shell function in an `if` would run with
# errexit off), so a failing line of a function fails the step.
run_step() {
  local label="$1" log="$2"
  shift 2
  step_begin "${label}"
  : > "${log}"
  ( "$@" ) >> "${log}" 2>&1 < /dev/null &
  step_pid=$!
  local status=0
  wait "${step_pid}" || status=$?
  step_pid=""
  if (( status != 0 )); then
    step_fail "${log}" "${step_hint:-}"
  fi
  step_end
}

declare -A pids=()
declare -A launched=()

stop_all() {
  local status="$1"
  trap - INT TERM EXIT
  local name what="services, entry point"
  [[ "${FRONTERA_KEEP_SERVERS:-0}" == "1" ]] || what+=", servers"
  echo "stopping ${what}"
  if [[ -n "${step_pid}" ]]; then kill -TERM "${step_pid}" 2>/dev/null || true; fi
  for name in "${!pids[@]}"; do kill -TERM "${pids[${name}]}" 2>/dev/null || true; done
  for name in "${!pids[@]}"; do wait "${pids[${name}]}" 2>/dev/null || true; done
  bash infra/gateway/gateway.sh stop >> "${log_dir}/gateway.log" 2>&1 || true
  if [[ "${FRONTERA_KEEP_SERVERS:-0}" != "1" ]]; then
    bash infra/local/servers.sh stop >> "${log_dir}/servers.log" 2>&1 || true
  fi
  exit "${status}"
}
trap 'stop_all $?' EXIT
trap 'stop_all 0' INT TERM

say "starting Frontera (${step_total} steps; logs in ${log_dir})"

run_step "Node.js dependencies (npm ci when package-lock.json changed)" "${log_dir}/npm.log" ensure_node_modules

install_system_packages() {
  bash infra/local/servers.sh install
  bash infra/gateway/gateway.sh install
}
step_hint="servers' own logs: ${server_log_dir}"
run_step "system packages and servers' binaries (Kafka, PostgreSQL, FerretDB, Redis, nginx)" \
  "${log_dir}/install.log" install_system_packages

run_step "starting the servers" "${log_dir}/servers.log" bash infra/local/servers.sh start
step_hint=""
eval "$(bash infra/local/servers.sh env)"

# The running system's topics are dev.frontera.… (KAFKA_TOPIC_NAMESPACE): the test suite's events, on
# the same local Kafka under the catalogue's own names, never reach it, and its events never reach tests.
export KAFKA_TOPIC_NAMESPACE="${KAFKA_TOPIC_NAMESPACE:-dev}"
run_step "Kafka topics (namespace ${KAFKA_TOPIC_NAMESPACE})" "${log_dir}/topics.log" create_topics

run_step "building ${services[*]}" "${log_dir}/build.log" \
  npx nx run-many -t build -p "${services[@]}" --outputStyle=static

export NODE_ENV="${NODE_ENV:-development}"
# The process environment and node flags every service runs with, here as in the image, the tests and
# the benchmarks (tools/system/node-flags.ts; decisions 0052 and 0056).
mapfile -t service_runtime < <(node tools/scripts/run-ts.cjs tools/system/print-service-runtime.ts)
read -r -a service_env <<< "${service_runtime[0]:-}"
read -r -a service_flags <<< "${service_runtime[1]:-}"
# Every service at once (they start in parallel), then one step per service until it is ready.
for name in "${services[@]}"; do
  port="$(service_port "${name}")"
  : > "${log_dir}/${name}.log"
  # Each service owns its database (docs/architecture.md): one database per service on the local server.
  # HTTP_TRUST_PROXY=1: client addresses (rate limits, logs) come from the gateway's X-Forwarded-For.
  env "${service_env[@]}" PORT="${port}" SERVICE_NAME="${name}" MONGODB_URI="${MONGODB_URI%/}/${name//-/_}" \
    HTTP_TRUST_PROXY=1 node "${service_flags[@]}" "dist/services/${name}/main.js" >> "${log_dir}/${name}.log" 2>&1 < /dev/null &
  pids[${name}]=$!
  launched[${name}]=${SECONDS}
done

for name in "${services[@]}"; do
  port="$(service_port "${name}")"
  step_begin "${name} on http://127.0.0.1:${port}"
  step_started=${launched[${name}]}
  ready=0
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:${port}/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    if ! kill -0 "${pids[${name}]}" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if (( ready == 0 )); then
    if kill -0 "${pids[${name}]}" 2>/dev/null; then
      step_fail "${log_dir}/${name}.log" "${name} did not answer /health/ready within 120 s"
    fi
    step_fail "${log_dir}/${name}.log" "${name} exited before it was ready"
  fi
  step_end "ready"
done

run_step "the combined API documentation (dist/api-docs, served at /docs/)" "${log_dir}/api-docs.log" \
  node tools/scripts/run-ts.cjs tools/api-docs/build.ts
step_hint="nginx's own logs: ${server_log_dir}/gateway*.log"
run_step "the entry point (nginx) on ${gateway}" "${log_dir}/gateway.log" bash infra/gateway/gateway.sh start
step_hint=""

# Development tokens for the demo and for the printed examples (development only, never production).
export FRONTERA_DEV_TOKENS=enabled
export FRONTERA_GATEWAY_URL="${gateway}"
if [[ "${demo}" != "0" ]]; then
  run_step "demo data through the entry point (FRONTERA_DEMO=0 skips it)" "${log_dir}/demo.log" \
    node tools/scripts/run-ts.cjs tools/demo/load-demo.ts
else
  step_begin "demo data"
  echo "skipped (FRONTERA_DEMO=0)"
fi

say "Frontera is running (Ctrl-C stops everything)"
printf '    %-13s %s   (every route of every service; JSON access log %s/gateway.log)\n' \
  "entry point" "${gateway}" "${server_log_dir}"
printf '    %-13s %s/docs/   (the API documents of every service)\n' "docs" "${gateway}"
for name in "${services[@]}"; do
  port="$(service_port "${name}")"
  printf '    %-13s http://127.0.0.1:%s   (its own OpenAPI page: /docs, health: /health/ready, metrics: /metrics)\n' \
    "${name}" "${port}"
done
printf '    %-13s %s\n' kafka "${KAFKA_BROKERS}" mongodb "${MONGODB_URI}" redis "${REDIS_URL}"
echo "    logs:         ${log_dir}/<service>.log (tail -f them), servers: ${server_log_dir}"
say "queue boards (Bull Board, read-only, supervisors only; docs/decisions/0044)"
for name in "${services[@]}"; do
  printf '    %-13s %s/ops/queues/%s/\n' "${name}" "${gateway}" "${name}"
done
example="${services[0]}"
[[ " ${services[*]} " == *" permits "* ]] && example=permits
cat <<EOF
    In a browser: open ${gateway}/ops/queues/${example}/session and paste \$TOKEN_SUPERVISOR (below).
    With curl:    curl -H "Authorization: Bearer \$TOKEN_SUPERVISOR" ${gateway}/ops/queues/${example}/api/queues
    or log in once: curl -c board.cookies -X POST -H "Authorization: Bearer \$TOKEN_SUPERVISOR" ${gateway}/ops/queues/${example}/session
                    curl -b board.cookies ${gateway}/ops/queues/${example}/api/queues
EOF
say "development tokens (8 h) for each demo role: eval the lines below, or run tools/demo/tokens.ts again"
node tools/scripts/run-ts.cjs tools/demo/tokens.ts | sed 's/^/    /'
wait -n "${pids[@]}" || true
echo "a service exited (see ${log_dir}); stopping everything" >&2
stop_all 1
