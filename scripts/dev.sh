#!/usr/bin/env bash
# The whole system, locally: dependencies -> servers -> topics (namespace dev) -> every service ->
# the entry point (nginx, :8080) -> demo data (FRONTERA_DEMO=0 skips it) -> a token per role.
# Ctrl-C stops the services, then the servers.
# Set FRONTERA_KEEP_SERVERS=1 to leave the servers running after Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "${FRONTERA_ROOT}"

ensure_node_modules
start_servers
# The running system's topics are dev.frontera.… (KAFKA_TOPIC_NAMESPACE): the test suite's events, on
# the same local Kafka under the catalogue's own names, never reach it, and its events never reach tests.
export KAFKA_TOPIC_NAMESPACE="${KAFKA_TOPIC_NAMESPACE:-dev}"
create_topics

mapfile -t services < <(list_services)
if (( ${#services[@]} == 0 )); then fail "no services found under services/"; fi

say "building ${services[*]}"
npx nx run-many -t build -p "${services[@]}" --outputStyle=static >/dev/null

log_dir="${FRONTERA_ROOT}/tmp/dev-logs"
mkdir -p "${log_dir}"
declare -A pids=()

stop_all() {
  trap - INT TERM EXIT
  say "stopping services"
  local name
  for name in "${!pids[@]}"; do kill -TERM "${pids[${name}]}" 2>/dev/null || true; done
  for name in "${!pids[@]}"; do wait "${pids[${name}]}" 2>/dev/null || true; done
  bash infra/gateway/gateway.sh stop || true
  if [[ "${FRONTERA_KEEP_SERVERS:-0}" != "1" ]]; then
    say "stopping servers"
    bash infra/local/servers.sh stop || true
  fi
  exit 0
}
trap stop_all INT TERM EXIT

export NODE_ENV="${NODE_ENV:-development}"
for name in "${services[@]}"; do
  port="$(service_port "${name}")"
  # Each service owns its database (docs/architecture.md): one database per service on the local server.
  # HTTP_TRUST_PROXY=1: client addresses (rate limits, logs) come from the gateway's X-Forwarded-For.
  PORT="${port}" SERVICE_NAME="${name}" MONGODB_URI="${MONGODB_URI%/}/${name//-/_}" HTTP_TRUST_PROXY=1 \
    node "dist/services/${name}/main.js" > >(tee -a "${log_dir}/${name}.log") 2>&1 &
  pids[${name}]=$!
done

# Wait until every service answers its readiness check, then say where it listens.
for name in "${services[@]}"; do
  port="$(service_port "${name}")"
  ready=0
  for _ in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:${port}/health/ready" >/dev/null 2>&1; then ready=1; break; fi
    if ! kill -0 "${pids[${name}]}" 2>/dev/null; then break; fi
    sleep 0.5
  done
  if (( ready == 0 )); then
    echo "${name} did not become ready; last lines of ${log_dir}/${name}.log:" >&2
    tail -n 30 "${log_dir}/${name}.log" >&2 || true
    exit 1
  fi
done

say "building the combined API documentation (dist/api-docs, served by the entry point at /docs/)"
node tools/scripts/run-ts.cjs tools/api-docs/build.ts

say "starting the entry point"
bash infra/gateway/gateway.sh start

# Development tokens for the demo and for the printed examples (development only, never production).
export FRONTERA_DEV_TOKENS=enabled
if [[ "${FRONTERA_DEMO:-1}" != "0" ]]; then
  say "loading the demo data through the entry point (FRONTERA_DEMO=0 skips it)"
  node tools/scripts/run-ts.cjs tools/demo/load-demo.ts
fi

say "Frontera is running (Ctrl-C stops everything)"
printf '    %-10s http://127.0.0.1:%s   (the entry point: every route of every service; JSON access log gateway.log)\n' \
  gateway "${FRONTERA_GATEWAY_PORT:-8080}"
for name in "${services[@]}"; do
  port="$(service_port "${name}")"
  printf '    %-10s http://127.0.0.1:%s   (API docs: /docs, health: /health/ready, metrics: /metrics)\n' "${name}" "${port}"
done
printf '    %-10s %s\n' kafka "${KAFKA_BROKERS}" mongodb "${MONGODB_URI}" redis "${REDIS_URL}"
echo "    logs: ${log_dir}"
say "development tokens (8 h) for each demo role: eval the lines below, or run tools/demo/tokens.ts again"
node tools/scripts/run-ts.cjs tools/demo/tokens.ts | sed 's/^/    /' 
wait -n "${pids[@]}" || true
echo "a service exited; stopping everything" >&2
stop_all
