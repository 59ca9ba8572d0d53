#!/usr/bin/env bash
# The whole system, locally: dependencies -> servers -> topics -> every service.
# Ctrl-C stops the services, then the servers.
# Set FRONTERA_KEEP_SERVERS=1 to leave the servers running after Ctrl-C.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
cd "${FRONTERA_ROOT}"

ensure_node_modules
start_servers
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

say "starting the entry point"
bash infra/gateway/gateway.sh start

say "Frontera is running (Ctrl-C stops everything)"
printf '    %-10s http://127.0.0.1:%s   (the entry point: every route of every service; JSON access log gateway.log)\n' \
  gateway "${FRONTERA_GATEWAY_PORT:-8080}"
for name in "${services[@]}"; do
  port="$(service_port "${name}")"
  printf '    %-10s http://127.0.0.1:%s   (API docs: /docs, health: /health/ready, metrics: /metrics)\n' "${name}" "${port}"
done
printf '    %-10s %s\n' kafka "${KAFKA_BROKERS}" mongodb "${MONGODB_URI}" redis "${REDIS_URL}"
echo "    logs: ${log_dir}"
wait -n "${pids[@]}" || true
echo "a service exited; stopping everything" >&2
stop_all
