# shellcheck shell=bash
# Shared helpers for infra/local/servers.sh (sourced, never executed on its own).
#
# Provides: logging, timing, directories, apt/command checks, port checks, pid files,
# wait-for-ready with timeout, graceful stop.

# ---------------------------------------------------------------------------
# Settings (all overridable from the environment)
# ---------------------------------------------------------------------------
FRONTERA_VERBOSE=${FRONTERA_VERBOSE:-0}
FRONTERA_START_TIMEOUT=${FRONTERA_START_TIMEOUT:-60}
FRONTERA_STOP_TIMEOUT=${FRONTERA_STOP_TIMEOUT:-20}
FRONTERA_LOG_LINES=${FRONTERA_LOG_LINES:-40}
FRONTERA_BIND=127.0.0.1

if [[ ${EUID:-$(id -u)} -eq 0 ]]; then
  IS_ROOT=1
  FRONTERA_DATA_DIR=${FRONTERA_DATA_DIR:-/var/lib/frontera}
else
  IS_ROOT=0
  FRONTERA_DATA_DIR=${FRONTERA_DATA_DIR:-$HOME/.local/share/frontera}
fi
FRONTERA_CACHE_DIR=${FRONTERA_CACHE_DIR:-$HOME/.cache/frontera}
# Absolute paths: the scripts cd around and hand these to servers.
FRONTERA_DATA_DIR=$(realpath -m -- "$FRONTERA_DATA_DIR")
FRONTERA_CACHE_DIR=$(realpath -m -- "$FRONTERA_CACHE_DIR")
RUN_DIR=$FRONTERA_DATA_DIR/run
LOG_DIR=$FRONTERA_DATA_DIR/log

# ---------------------------------------------------------------------------
# Logging and timing
# ---------------------------------------------------------------------------
is_verbose() { [[ $FRONTERA_VERBOSE == 1 || $FRONTERA_VERBOSE == true ]]; }

# info: the one line per server (stdout). debug: only with FRONTERA_VERBOSE=1 (stderr).
info() { printf '%s\n' "$*"; }
debug() { if is_verbose; then printf '  [debug] %s\n' "$*" >&2; fi; }
warn() { printf '%s\n' "$*" >&2; }
die() {
  printf '%s\n' "$*" >&2
  exit 1
}

# Microseconds since the epoch (pure bash, locale independent).
now_us() { local t=${EPOCHREALTIME/[.,]/}; printf '%s' "$((10#$t))"; }
# Seconds since a now_us value, one decimal: "3.4s".
since() {
  local d=$(($(now_us) - $1))
  printf '%d.%ds' "$((d / 1000000))" "$(((d % 1000000) / 100000))"
}

# ---------------------------------------------------------------------------
# Directories
# ---------------------------------------------------------------------------
# Create <data>, <data>/run and <data>/log. The data root stays traversable (755) so that
# the postgres user can reach its own subdirectory when we run as root.
ensure_base_dirs() {
  mkdir -p "$FRONTERA_DATA_DIR" "$RUN_DIR" "$LOG_DIR" "$FRONTERA_CACHE_DIR" ||
    die "cannot create $FRONTERA_DATA_DIR or $FRONTERA_CACHE_DIR (set FRONTERA_DATA_DIR / FRONTERA_CACHE_DIR)"
  if [[ -O $FRONTERA_DATA_DIR ]]; then chmod 755 "$FRONTERA_DATA_DIR"; fi
}

log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }

# Start a fresh log file when the old one grew past 50 MB (one old copy kept as .1).
rotate_log() {
  local f=$1 size
  [[ -f $f ]] || return 0
  size=$(stat -c %s "$f" 2>/dev/null || echo 0)
  if ((size > 50 * 1024 * 1024)); then mv -f "$f" "$f.1"; fi
}

# logged_since <file> <byte offset> <fixed string>: true when the string appears in the file
# after the offset. grep reads from a process substitution, not a pipe: with pipefail a
# `tail | grep -q` fails whenever grep exits on the match before tail has written the rest
# (tail dies of SIGPIPE), which happens as soon as more than a pipe buffer follows the match.
logged_since() {
  local f=$1 offset=$2 text=$3
  [[ -f $f ]] || return 1
  grep -qF -- "$text" < <(tail -c +"$((offset + 1))" "$f" 2>/dev/null)
}

# Print the last lines of a server's log to stderr (used on failures).
show_log_tail() {
  local f=$1 n=${2:-$FRONTERA_LOG_LINES}
  if [[ -s $f ]]; then
    printf -- '--- last %s lines of %s ---\n' "$n" "$f" >&2
    tail -n "$n" "$f" >&2
    printf -- '--- end of %s ---\n' "$f" >&2
  else
    printf '(log %s is empty or missing)\n' "$f" >&2
  fi
}

# run_logged <logfile> <cmd...>: run a command, output to the log file (and to stderr when
# verbose). On failure the log tail is shown and the command's exit code returned.
run_logged() {
  local logf=$1 rc=0
  shift
  debug "run: $*"
  printf '\n[%s] $ %s\n' "$(date '+%F %T')" "$*" >>"$logf"
  if is_verbose; then
    "$@" 2>&1 9>&- | tee -a "$logf" >&2 || rc=${PIPESTATUS[0]}
  else
    "$@" >>"$logf" 2>&1 9>&- || rc=$?
  fi
  if ((rc != 0)); then
    warn "command failed (exit $rc): $*"
    show_log_tail "$logf" 40
  fi
  return "$rc"
}

# ---------------------------------------------------------------------------
# Packages and commands
# ---------------------------------------------------------------------------
APT_UPDATED=0
# shellcheck source=apt.sh
source "${BASH_SOURCE[0]%/*}/apt.sh"

missing_package() { die "missing package $1: run 'sudo apt-get install -y $1'"; }

# apt_install <logfile> <package...>: as root only; 'apt-get update' once per run. Waits up to
# FRONTERA_APT_LOCK_TIMEOUT (300) seconds for the package locks another program holds (apt.sh).
apt_install() {
  local logf=$1
  shift
  if [[ $IS_ROOT != 1 ]] || ! command -v apt-get >/dev/null 2>&1; then missing_package "$1"; fi
  if [[ $APT_UPDATED == 0 ]]; then
    run_logged "$logf" apt_get update -q || die "apt-get update failed"
    APT_UPDATED=1
  fi
  run_logged "$logf" apt_get install -y -q --no-install-recommends "$@" || die "apt-get install $* failed"
}

# ensure_cmd <command> <debian package> <logfile>: install the package when the command is missing.
ensure_cmd() {
  local cmd=$1 pkg=$2 logf=$3
  command -v "$cmd" >/dev/null 2>&1 && return 0
  apt_install "$logf" "$pkg"
  hash -r
  command -v "$cmd" >/dev/null 2>&1 || die "package $pkg installed but '$cmd' is still not on PATH"
}

# ---------------------------------------------------------------------------
# Ports
# ---------------------------------------------------------------------------
# Is anything listening on this TCP port (any address)?
port_in_use() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [[ -n $(ss -Hltn "sport = :$port" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/$FRONTERA_BIND/$port") 2>/dev/null
  fi
}

# pid of the process listening on <port>, when findable (needs ss; root sees all processes).
port_pid() {
  command -v ss >/dev/null 2>&1 || return 1
  local line
  line=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1) || true
  [[ -n $line ]] || return 1
  printf '%s' "${line#pid=}"
}

# Human description of whoever holds <port>: 'python3 (pid 123: python3 -m http.server 16379)'.
port_holder() {
  local port=$1 pid name cmd
  if pid=$(port_pid "$port"); then
    name=$(cat "/proc/$pid/comm" 2>/dev/null || echo '?')
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -c1-160 | sed 's/[[:space:]]*$//' || true)
    printf '%s (pid %s: %s)' "$name" "$pid" "$cmd"
  elif command -v ss >/dev/null 2>&1; then
    printf 'another process (%s)' "$(ss -Hltn "sport = :$port" | awk '{print $4}' | head -n 1)"
  else
    printf 'another process'
  fi
}

# The kernel's range for the source ports of outgoing connections ("32768 60999"), from
# net.ipv4.ip_local_port_range; FRONTERA_EPHEMERAL_PORT_RANGE overrides it (tests). Empty when
# unknown (not Linux).
ephemeral_port_range() {
  local range=${FRONTERA_EPHEMERAL_PORT_RANGE:-}
  if [[ -z $range && -r /proc/sys/net/ipv4/ip_local_port_range ]]; then
    range=$(tr -s '[:space:]' ' ' </proc/sys/net/ipv4/ip_local_port_range)
  fi
  range=${range//-/ }
  read -r -a range <<<"$range"
  if ((${#range[@]} == 2)) && [[ ${range[0]} =~ ^[0-9]+$ && ${range[1]} =~ ^[0-9]+$ ]]; then
    printf '%s %s' "${range[0]}" "${range[1]}"
  fi
}

# Is <port> in net.ipv4.ip_local_reserved_ports ("8080,9000-9100"; never handed out as a source port)?
port_reserved() {
  local port=$1 list item
  [[ -r /proc/sys/net/ipv4/ip_local_reserved_ports ]] || return 1
  list=$(tr -d '[:space:]' </proc/sys/net/ipv4/ip_local_reserved_ports)
  IFS=, read -r -a list <<<"$list"
  for item in "${list[@]}"; do
    if [[ $item =~ ^([0-9]+)-([0-9]+)$ ]]; then
      ((port >= BASH_REMATCH[1] && port <= BASH_REMATCH[2])) && return 0
    elif [[ $item =~ ^[0-9]+$ ]]; then
      ((port == item)) && return 0
    fi
  done
  return 1
}

# check_ports <name> <var> <port> [<name> <var> <port> ...]: before anything starts, fail when a
# port is not a number in 1-65535, is given to two servers, or lies inside the ephemeral range:
# any outgoing connection may hold such a port as its source port when the server binds it, so
# the server would fail at random with "Address already in use".
check_ports() {
  local range lo= hi= name var port problems=()
  local -A seen=()
  range=$(ephemeral_port_range)
  if [[ -n $range ]]; then read -r lo hi <<<"$range"; else debug "ports: ip_local_port_range unknown, range not checked"; fi
  while (($# >= 3)); do
    name=$1 var=$2 port=$3
    shift 3
    if [[ ! $port =~ ^[0-9]{1,5}$ ]] || ((10#$port < 1 || 10#$port > 65535)); then
      problems+=("$name: port '$port' ($var) is not a TCP port number (1-65535)")
      continue
    fi
    port=$((10#$port))
    if [[ -n ${seen[$port]:-} ]]; then
      problems+=("$name: port $port ($var) is also the port of ${seen[$port]}")
    fi
    seen[$port]="$name ($var)"
    if [[ -n $lo ]] && ((port >= lo && port <= hi)); then
      if port_reserved "$port"; then
        debug "ports: $port ($var) is inside $lo-$hi but reserved (net.ipv4.ip_local_reserved_ports)"
      else
        problems+=("$name: port $port ($var) lies inside this machine's ephemeral port range $lo-$hi (net.ipv4.ip_local_port_range): the kernel hands those ports to outgoing connections, so one may hold it when $name starts and the start fails at random with 'Address already in use'; set $var to a port outside $lo-$hi")
      fi
    fi
  done
  ((${#problems[@]} == 0)) && return 0
  printf 'cannot start: %s\n' "${problems[@]}" >&2
  exit 1
}

# ---------------------------------------------------------------------------
# Processes and pid files
# ---------------------------------------------------------------------------
pid_alive() {
  local pid=$1 state
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [[ -d /proc/$pid ]] || return 1
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ $state != Z && $state != X ]]
}

pid_cmdline() { tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null || true; }
pid_cwd() { readlink "/proc/$1/cwd" 2>/dev/null || true; }

read_pid_file() {
  local f
  f=$(pid_file "$1")
  [[ -f $f ]] || return 1
  local pid
  pid=$(head -n 1 "$f" 2>/dev/null | tr -dc '0-9')
  [[ -n $pid ]] || return 1
  printf '%s' "$pid"
}

write_pid_file() { printf '%s\n' "$2" >"$(pid_file "$1")"; }
remove_pid_file() { rm -f "$(pid_file "$1")"; }

# our_pid <name>: prints the pid of our running server <name>, using its pid file and the
# server's own <name>_owns_pid check (so a recycled pid is never mistaken for ours). A stale
# pid file is removed. Returns 1 when not running.
our_pid() {
  local name=$1 pid
  if pid=$(read_pid_file "$name"); then
    if pid_alive "$pid" && "${name}_owns_pid" "$pid"; then
      printf '%s' "$pid"
      return 0
    fi
    debug "$name: removing stale pid file (pid $pid is not ours any more)"
    remove_pid_file "$name"
  fi
  return 1
}

# running_pid <name> <port>: like our_pid, but also finds our server through the process that
# listens on <port> when the pid file was lost (and writes the pid file again).
running_pid() {
  local name=$1 port=$2 pid
  if pid=$(our_pid "$name"); then
    printf '%s' "$pid"
    return 0
  fi
  if pid=$(port_pid "$port") && pid_alive "$pid" && "${name}_owns_pid" "$pid"; then
    debug "$name: found our $name (pid $pid) on port $port without a pid file"
    if [[ -d $RUN_DIR ]]; then write_pid_file "$name" "$pid"; fi
    printf '%s' "$pid"
    return 0
  fi
  return 1
}

# check_port_free <name> <port> [var]: fail at once when the port is taken. If the holder is our
# own server (pid file lost), adopt it: print its pid and return 2.
check_port_free() {
  local name=$1 port=$2 var=${3:-} pid
  port_in_use "$port" || return 0
  if pid=$(port_pid "$port") && "${name}_owns_pid" "$pid"; then
    debug "$name: port $port is held by our own $name (pid $pid); adopting it"
    printf '%s' "$pid"
    return 2
  fi
  die "$name: cannot start: port $port on $FRONTERA_BIND is already in use by $(port_holder "$port"), which is not our $name (FRONTERA_DATA_DIR=$FRONTERA_DATA_DIR); stop that process${var:+ or choose another port with $var=<port>}"
}

# launch <name> <cwd> <cmd...>: start a server in the background in its own session, detached
# from the terminal, output appended to its log. Sets LAUNCHED_PID.
LAUNCHED_PID=
launch() {
  local name=$1 dir=$2 logf
  shift 2
  logf=$(log_file "$name")
  debug "$name: launching: $*"
  printf '\n[%s] ==== frontera servers.sh: starting %s ====\n' "$(date '+%F %T')" "$name" >>"$logf"
  # fd 9 is servers.sh's lock: the server must not inherit it.
  (cd "$dir" && exec setsid nohup "$@" >>"$logf" 2>&1 </dev/null 9>&-) &
  # shellcheck disable=SC2034 # read by the per-server start functions
  LAUNCHED_PID=$!
}

# wait_until <name> <deadline_us> <pid or ""> <check cmd...>: poll until the check succeeds.
# Returns 1 on timeout, 2 when the process died meanwhile.
wait_until() {
  local name=$1 deadline=$2 pid=$3
  shift 3
  local delay=0.1
  while true; do
    if "$@"; then return 0; fi
    if [[ -n $pid ]] && ! pid_alive "$pid"; then
      debug "$name: process $pid exited while waiting"
      return 2
    fi
    if (($(now_us) >= deadline)); then return 1; fi
    sleep "$delay"
    delay=0.25
  done
}

start_failed() {
  local name=$1 reason=$2
  warn "$name failed to start ($reason)"
  show_log_tail "$(log_file "$name")" "$FRONTERA_LOG_LINES"
  exit 1
}

# await_ready <name> <pid> <deadline_us> <check cmd...>: wait for a just-launched server;
# if it dies or does not answer in time, stop what is left of it, report and exit 1.
await_ready() {
  local name=$1 pid=$2 deadline=$3 rc=0
  shift 3
  wait_until "$name" "$deadline" "$pid" "$@" || rc=$?
  if ((rc != 0)); then
    pid_alive "$pid" && terminate "$name" "$pid"
    remove_pid_file "$name"
    start_failed "$name" "$([[ $rc == 2 ]] && echo "process exited" || echo "not ready within ${FRONTERA_START_TIMEOUT}s")"
  fi
}

# stop_managed <name> <port> <external check fn> <external description>
stop_managed() {
  local name=$1 port=$2 external=$3 described=$4 t0 pid
  t0=$(now_us)
  if "$external"; then
    info "$name: not managed here (external $described)"
    return 0
  fi
  if ! pid=$(running_pid "$name" "$port"); then
    info "$name: not running"
    return 0
  fi
  terminate "$name" "$pid"
  remove_pid_file "$name"
  info "$name: stopped (pid $pid) in $(since "$t0")"
}

# status_managed <name> <port> <external check fn> <external description> <ready check fn> <detail>
status_managed() {
  local name=$1 port=$2 external=$3 described=$4 ready=$5 detail=$6 pid state
  if "$external"; then
    status_line "$name" external - "$described"
  elif pid=$(running_pid "$name" "$port"); then
    state=running
    "$ready" || state=starting
    status_line "$name" "$state" "pid=$pid" "$FRONTERA_BIND:$port ($detail)"
  else
    status_line "$name" stopped - "$FRONTERA_BIND:$port$(port_note "$port")"
  fi
}

# terminate <name> <pid>: SIGTERM, wait up to FRONTERA_STOP_TIMEOUT, then SIGKILL.
terminate() {
  local name=$1 pid=$2 deadline
  kill -TERM "$pid" 2>/dev/null || return 0
  deadline=$(($(now_us) + FRONTERA_STOP_TIMEOUT * 1000000))
  while pid_alive "$pid"; do
    if (($(now_us) >= deadline)); then
      warn "$name: pid $pid still running after ${FRONTERA_STOP_TIMEOUT}s, sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.2
  done
}

# ---------------------------------------------------------------------------
# External servers
# ---------------------------------------------------------------------------
# A variable counts as "external" when set, non-empty and different from what `env` prints for
# the local server (so `eval "$(servers.sh env)"` does not make later calls skip our servers).
is_external_value() {
  local current=$1 local_value=$2
  [[ -n $current && $current != "$local_value" ]]
}

print_export() { printf 'export %s=%q\n' "$1" "$2"; }

# " (port busy: <holder>)" when a stopped server's port is held by some other process.
port_note() { if port_in_use "$1"; then printf ' (port busy: %s)' "$(port_holder "$1")"; fi; }

status_line() { printf '%-9s %-9s %-11s %s\n' "$1" "$2" "$3" "$4"; }
