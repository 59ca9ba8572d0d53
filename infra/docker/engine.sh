#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# A Docker engine for these machines: Debian's docker.io, with NO bridge network and no iptables
# changes. Every container runs with host networking on the project's own ports, so all traffic
# stays on loopback (docs/decisions/0046-containers-built-here.md).
#
# Usage: infra/docker/engine.sh start|stop|status|install
#   install  as root: apt-get install docker.io, docker-compose and debootstrap when missing
#            (non-interactive, waits for the package locks; the package's own service start is
#            suppressed, it would create the docker0 bridge)
#   start    install when needed, remove a leftover docker0 link, start
#              dockerd --bridge=none --iptables=false --ip6tables=false
#            and wait until `docker info` answers; an engine that already answers is reused as it is
#   stop     stop the dockerd this script started (its pid file); never one that was already running
#   status   one line: running (ours|not ours) / stopped, pid, server version, socket
#
# Environment:
#   FRONTERA_DATA_DIR (as infra/local/servers.sh): <data>/log/dockerd.log, <data>/run/dockerd.pid
#   FRONTERA_DOCKER_START_TIMEOUT=60   seconds to wait for `docker info`
#   FRONTERA_DOCKER_STOP_TIMEOUT=30    seconds to wait for dockerd to exit after SIGTERM
#   DOCKER_HOST (default unix:///var/run/docker.sock: Debian's data root /var/lib/docker, exec
#   root /var/run/docker, pidfile /var/run/docker.pid are kept)
set -euo pipefail

ENGINE_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../local/lib/common.sh
source "$ENGINE_HOME/../local/lib/common.sh"

DOCKER_START_TIMEOUT=${FRONTERA_DOCKER_START_TIMEOUT:-60}
DOCKER_STOP_TIMEOUT=${FRONTERA_DOCKER_STOP_TIMEOUT:-30}
DOCKER_SOCKET=/var/run/docker.sock
DOCKERD_FLAGS=(--bridge=none --iptables=false --ip6tables=false "--host=unix://$DOCKER_SOCKET")

usage() {
  sed -n '3,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
}

docker_answers() { timeout 10 docker info --format '{{.ServerVersion}}' >/dev/null 2>&1; }
server_version() { timeout 10 docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'; }
dockerd_owns_pid() { [[ $(pid_cmdline "$1") == *dockerd*--bridge=none* ]]; }

engine_install() {
  local logf t0 missing=() policy_added=0 rc=0
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  ((${#missing[@]} > 0)) || return 0
  ensure_base_dirs
  logf=$(log_file docker-install)
  t0=$(now_us)
  # docker.io's maintainer script starts the distribution's service (a plain dockerd, which
  # creates docker0 on 172.17.0.0/16): forbid service starts for the install.
  if [[ $IS_ROOT == 1 && ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && policy_added=1
  fi
  (apt_install "$logf" "${missing[@]}") || rc=$?
  ((policy_added == 1)) && rm -f /usr/sbin/policy-rc.d
  ((rc == 0)) || exit "$rc"
  hash -r
  local cmd
  for cmd in dockerd docker-compose debootstrap; do
    command -v "$cmd" >/dev/null 2>&1 || die "docker: installed ${missing[*]} but '$cmd' is still not on PATH"
  done
  info "docker: installed ${missing[*]} in $(since "$t0")"
}

engine_start() {
  local t0 pid logf deadline
  t0=$(now_us)
  if docker_answers; then
    if pid=$(our_pid dockerd); then
      info "docker: already running (pid $pid, ours, server $(server_version))"
    else
      info "docker: already running (not started by this script, server $(server_version)); reused, never stopped here"
    fi
    return 0
  fi
  engine_install
  [[ $IS_ROOT == 1 ]] || die "docker: dockerd must be started as root"
  if pid=$(our_pid dockerd); then
    die "docker: our dockerd (pid $pid) is running but does not answer (see $(log_file dockerd); try '$0 stop')"
  fi
  if [[ -S $DOCKER_SOCKET ]] && pgrep -x dockerd >/dev/null 2>&1; then
    die "docker: a dockerd not started by this script is running but does not answer on $DOCKER_SOCKET; not touching it"
  fi
  # A leftover bridge from an earlier plain dockerd: never route anything through it.
  if ip link show docker0 >/dev/null 2>&1; then
    info "docker: removing leftover docker0 link"
    ip link delete docker0 || die "docker: cannot remove the leftover docker0 link"
  fi
  logf=$(log_file dockerd)
  rotate_log "$logf"
  deadline=$(($(now_us) + DOCKER_START_TIMEOUT * 1000000))
  launch dockerd / dockerd "${DOCKERD_FLAGS[@]}"
  pid=$LAUNCHED_PID
  write_pid_file dockerd "$pid"
  if ! wait_until dockerd "$deadline" "$pid" docker_answers; then
    pid_alive "$pid" && terminate dockerd "$pid"
    remove_pid_file dockerd
    start_failed dockerd "no answer from 'docker info' within ${DOCKER_START_TIMEOUT}s"
  fi
  if ip link show docker0 >/dev/null 2>&1; then
    warn "docker: a docker0 link appeared although dockerd runs with --bridge=none"
  fi
  info "docker: started dockerd (pid $pid, server $(server_version), --bridge=none, no iptables) in $(since "$t0")"
}

engine_stop() {
  local t0 pid
  t0=$(now_us)
  if ! pid=$(our_pid dockerd); then
    if docker_answers; then
      info "docker: running but not started by this script: left alone"
    else
      info "docker: not running"
    fi
    return 0
  fi
  FRONTERA_STOP_TIMEOUT=$DOCKER_STOP_TIMEOUT terminate dockerd "$pid"
  remove_pid_file dockerd
  info "docker: stopped dockerd (pid $pid) in $(since "$t0")"
}

engine_status() {
  local pid
  if pid=$(our_pid dockerd); then
    if docker_answers; then
      status_line docker running "pid=$pid" "ours, server $(server_version), $DOCKER_SOCKET"
    else
      status_line docker starting "pid=$pid" "ours, not answering yet, $DOCKER_SOCKET"
    fi
  elif docker_answers; then
    status_line docker running - "not ours, server $(server_version), $DOCKER_SOCKET"
  else
    status_line docker stopped - "$DOCKER_SOCKET"
  fi
}

main() {
  (($# == 1)) || usage
  case $1 in
  install) engine_install ;;
  start) ensure_base_dirs && engine_start ;;
  stop) engine_stop ;;
  status) engine_status ;;
  *) usage ;;
  esac
}

main "$@"
