#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Local servers for Frontera without Docker: Kafka (KRaft), PostgreSQL + FerretDB (MongoDB wire
# protocol) and Redis, as plain processes on 127.0.0.1 on project-owned ports.
#
# Usage: infra/local/servers.sh install|start|check|stop|status|env|logs [kafka|postgres|ferretdb|redis ...]
#   No names = all, in dependency order (postgres before ferretdb; stop goes in reverse).
#   install  fetch/build/apt-install what is missing (start does this too)
#   check    check the ports (of all servers not external) without starting anything: numbers,
#            no port used twice, none inside net.ipv4.ip_local_port_range (start checks this too)
#   start    install if needed, start, wait until each server answers (idempotent)
#   stop     graceful stop (SIGTERM, SIGKILL after FRONTERA_STOP_TIMEOUT; pg_ctl -m fast)
#   status   one line per server: state, pid, address
#   env      export lines for: eval "$(infra/local/servers.sh env)"
#   logs     last FRONTERA_LOG_LINES (40) lines of each server's log
#
# Environment:
#   FRONTERA_KAFKA_PORT=19092 FRONTERA_KAFKA_CONTROLLER_PORT=19093 FRONTERA_POSTGRES_PORT=15432
#   FRONTERA_MONGO_PORT=17017 FRONTERA_REDIS_PORT=16379 FRONTERA_FERRETDB_DEBUG_ADDR=- (disabled)
#   FRONTERA_FERRETDB_LOG_LEVEL=warn (debug|info|warn|error)
#   FRONTERA_CACHE_DIR=~/.cache/frontera    downloaded jars, built FerretDB (<name>-<version>/)
#   FRONTERA_DATA_DIR=/var/lib/frontera (root) or ~/.local/share/frontera: data, run/*.pid, log/*.log
#   FRONTERA_EPHEMERAL_PORT_RANGE="<lo> <hi>" replaces net.ipv4.ip_local_port_range in the port check
#   FRONTERA_START_TIMEOUT=60 FRONTERA_STOP_TIMEOUT=20 FRONTERA_VERBOSE=0|1
#   FRONTERA_APT_LOCK_TIMEOUT=300: seconds apt-get waits for the dpkg/apt locks other programs hold
#   FRONTERA_KAFKA_VERSION="3.9.1 3.9.0" FRONTERA_KAFKA_HEAP_OPTS="-Xmx512m -Xms256m"
#   KAFKA_BROKERS / MONGODB_URI / REDIS_URL, when set to anything other than the local value,
#   mean an external server: the local one is not started (MONGODB_URI covers postgres too).
set -euo pipefail

FRONTERA_LOCAL_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# shellcheck source=lib/common.sh
source "$FRONTERA_LOCAL_DIR/lib/common.sh"
# shellcheck source=lib/postgres.sh
source "$FRONTERA_LOCAL_DIR/lib/postgres.sh"
# shellcheck source=lib/ferretdb.sh
source "$FRONTERA_LOCAL_DIR/lib/ferretdb.sh"
# shellcheck source=lib/redis.sh
source "$FRONTERA_LOCAL_DIR/lib/redis.sh"
# shellcheck source=lib/kafka.sh
source "$FRONTERA_LOCAL_DIR/lib/kafka.sh"

ALL_SERVERS=(postgres ferretdb redis kafka) # dependency order

usage() {
  sed -n '3,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# Normalise and order the requested names (aliases: mongo, mongodb -> ferretdb; pg -> postgres).
select_servers() {
  local -A wanted=()
  local n s
  for n in "$@"; do
    case $n in
    kafka | postgres | ferretdb | redis) wanted[$n]=1 ;;
    pg | postgresql) wanted[postgres]=1 ;;
    mongo | mongodb) wanted[ferretdb]=1 ;;
    all) for s in "${ALL_SERVERS[@]}"; do wanted[$s]=1; done ;;
    *) die "unknown server '$n' (expected: ${ALL_SERVERS[*]})" ;;
    esac
  done
  SELECTED=()
  for s in "${ALL_SERVERS[@]}"; do
    if (($# == 0)) || [[ -n ${wanted[$s]:-} ]]; then SELECTED+=("$s"); fi
  done
}

# Serialise install/start/stop between concurrent invocations (status/env/logs stay lock-free).
take_lock() {
  exec 9>"$RUN_DIR/servers.lock"
  flock -n 9 && return 0
  info "waiting for another servers.sh to finish (lock $RUN_DIR/servers.lock, up to 300s)"
  flock -w 300 9 || die "another servers.sh is still busy after 300s (lock $RUN_DIR/servers.lock)"
}

# The ports of every server that is not external, whatever servers were named: a start of one
# server may start another (ferretdb starts postgres), and a bad setting should fail at once.
check_all_ports() {
  local s args=()
  for s in "${ALL_SERVERS[@]}"; do
    "${s}_external" && continue
    mapfile -t -O "${#args[@]}" args < <("${s}_ports")
  done
  check_ports "${args[@]}"
}

check_all_ports_summary() {
  local s name var port out=() range
  for s in "${ALL_SERVERS[@]}"; do
    if "${s}_external"; then
      out+=("$s external")
      continue
    fi
    while read -r name var port; do out+=("$var=$port"); done < <("${s}_ports" | paste - - -)
  done
  range=$(ephemeral_port_range)
  if [[ -n $range ]]; then range="none inside the ephemeral port range ${range/ /-}"; else range="ephemeral port range unknown"; fi
  printf '%s; %s' "${out[*]}" "$range"
}

logs_of() {
  local name=$1 f
  f=$(log_file "$name")
  printf '==> %s <==\n' "$f"
  if [[ -f $f ]]; then tail -n "$FRONTERA_LOG_LINES" "$f"; else echo "(no log yet)"; fi
}

main() {
  (($# >= 1)) || usage
  local cmd=$1 s t0 i
  shift
  select_servers "$@"
  case $cmd in
  install | start)
    [[ $cmd == start ]] && check_all_ports
    ensure_base_dirs
    take_lock
    t0=$(now_us)
    for s in "${SELECTED[@]}"; do
      if [[ $cmd == install ]]; then
        if "${s}_external"; then
          info "$s: skipped (external server configured)"
          continue
        fi
        local ts
        ts=$(now_us)
        "${s}_install"
        info "$s: installed ($(since "$ts"))"
      else
        "${s}_start"
      fi
    done
    debug "total: $(since "$t0")"
    ;;
  check)
    check_all_ports
    info "ports: OK ($(check_all_ports_summary))"
    ;;
  stop)
    ensure_base_dirs
    take_lock
    for ((i = ${#SELECTED[@]} - 1; i >= 0; i--)); do "${SELECTED[i]}_stop"; done
    ;;
  status)
    for s in "${SELECTED[@]}"; do "${s}_status"; done
    ;;
  env)
    for s in "${SELECTED[@]}"; do "${s}_env"; done
    ;;
  logs)
    for s in "${SELECTED[@]}"; do logs_of "$s"; done
    ;;
  -h | --help | help) usage ;;
  *)
    warn "unknown command '$cmd'"
    usage
    ;;
  esac
}

main "$@"
