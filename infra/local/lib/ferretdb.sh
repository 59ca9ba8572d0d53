# shellcheck shell=bash
# FerretDB (MongoDB wire protocol) on the PostgreSQL handler, built from the Go module proxy
# through the wrapper module in infra/local/ferretdb (go.mod + go.sum, FerretDB as a `tool`).
# Binary: <cache>/ferretdb-<ver>/ferretdb. State: <data>/ferretdb. Log: <data>/log/ferretdb.log.

FERRETDB_PORT=${FRONTERA_MONGO_PORT:-17017}
# "-" disables FerretDB's HTTP debug/metrics listener; set e.g. 127.0.0.1:17018 to enable it.
FERRETDB_DEBUG_ADDR=${FRONTERA_FERRETDB_DEBUG_ADDR:--}
# INFO logs every client connection; WARN keeps the log small on a shared machine.
FERRETDB_LOG_LEVEL=${FRONTERA_FERRETDB_LOG_LEVEL:-warn}
# Connections FerretDB may hold to PostgreSQL (PostgreSQL's max_connections is this + 100, see
# postgres.sh). FerretDB 1.24 can deadlock between its metadata registry's lock and its pool: a
# write that creates a database, collection or index holds the registry's write lock and waits for a
# pool connection, while operations that already hold connections (open cursors hold one each until
# they are exhausted or closed) wait for the registry's read lock. With every pooled connection held
# that way FerretDB stops answering, pings included, and all PostgreSQL backends sit idle (goroutine
# dumps: pool 50 → 66 goroutines in pgxpool Acquire; pool 250 under six parallel test runs → 250
# held, one databaseGetOrCreate waiting for a connection, 63 waiting for the read lock). A pool far
# larger than the clients' concurrent operations and open cursors keeps it from happening.
FERRETDB_PG_POOL_MAX=${FRONTERA_FERRETDB_PG_POOL_MAX:-1000}
FERRETDB_GO_MIN=1.24 # the wrapper's go.mod uses the `tool` directive (Go 1.24+)
FERRETDB_MODULE_DIR=$FRONTERA_LOCAL_DIR/ferretdb
FERRETDB_VERSION=$(awk '$1 == "github.com/FerretDB/FerretDB" {print $2; exit}' "$FERRETDB_MODULE_DIR/go.mod")
FERRETDB_HOME=$FRONTERA_CACHE_DIR/ferretdb-$FERRETDB_VERSION
FERRETDB_BIN=$FERRETDB_HOME/ferretdb
FERRETDB_STATE=$FRONTERA_DATA_DIR/ferretdb

ferretdb_local_uri() { printf 'mongodb://%s:%s/' "$FRONTERA_BIND" "$FERRETDB_PORT"; }
ferretdb_external() { is_external_value "${MONGODB_URI:-}" "$(ferretdb_local_uri)"; }
ferretdb_owns_pid() { [[ $(pid_cmdline "$1") == *"--state-dir=$FERRETDB_STATE "* ]]; }

ferretdb_built() {
  [[ -x $FERRETDB_BIN ]] && [[ $("$FERRETDB_BIN" --version 2>/dev/null) == *"version: $FERRETDB_VERSION"* ]]
}

ferretdb_check_go() {
  local v major minor want_major=${FERRETDB_GO_MIN%%.*} want_minor=${FERRETDB_GO_MIN#*.}
  command -v go >/dev/null 2>&1 || die "missing go >= $FERRETDB_GO_MIN (needed to build FerretDB $FERRETDB_VERSION; Debian 12's golang package is too old): install Go $FERRETDB_GO_MIN or newer and put it on PATH"
  v=$(GOTOOLCHAIN=local go env GOVERSION 2>/dev/null) || v=
  v=${v#go}
  major=${v%%.*}
  minor=${v#*.}
  minor=${minor%%[!0-9]*}
  if [[ ! $major =~ ^[0-9]+$ || ! $minor =~ ^[0-9]+$ ]] ||
    ((major < want_major || (major == want_major && minor < want_minor))); then
    die "missing go >= $FERRETDB_GO_MIN (found '${v:-unknown}'; needed to build FerretDB $FERRETDB_VERSION): install Go $FERRETDB_GO_MIN or newer and put it on PATH"
  fi
}

ferretdb_install() {
  local t0 logf build
  ferretdb_built && {
    debug "ferretdb: $FERRETDB_BIN is $FERRETDB_VERSION"
    return 0
  }
  t0=$(now_us)
  ferretdb_check_go
  logf=$(log_file ferretdb-install)
  build=$FERRETDB_HOME/build
  mkdir -p "$FERRETDB_HOME"
  rm -rf "$build"
  mkdir -p "$build"
  cp "$FERRETDB_MODULE_DIR/go.mod" "$FERRETDB_MODULE_DIR/go.sum" "$build/"
  # GOTOOLCHAIN=local: never download another Go toolchain; GOFLAGS replaced on purpose.
  (
    cd "$build"
    export GOTOOLCHAIN=local CGO_ENABLED=0
    GOFLAGS=-mod=mod run_logged "$logf" go mod vendor || exit 1
    # The module archive lacks this generated file; without it the binary panics at start.
    printf '%s' "$FERRETDB_VERSION" >vendor/github.com/FerretDB/FerretDB/build/version/version.txt
    GOFLAGS='-mod=vendor -buildvcs=false' run_logged "$logf" \
      go build -trimpath -o "$FERRETDB_BIN.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb || exit 1
  ) || die "ferretdb: build of FerretDB $FERRETDB_VERSION failed (log: $logf)"
  mv -f "$FERRETDB_BIN.tmp" "$FERRETDB_BIN"
  ferretdb_built || die "ferretdb: built $FERRETDB_BIN but '--version' does not print $FERRETDB_VERSION"
  rm -rf "$build" # the vendored sources are not needed any more (Go's caches keep a rebuild fast)
  info "ferretdb: built FerretDB $FERRETDB_VERSION into $FERRETDB_HOME in $(since "$t0")"
}

# MongoDB OP_MSG {ping: 1, $db: "admin"}; FerretDB's ping also checks its PostgreSQL backend.
# Ready when the reply holds ok: 1.0.
ferretdb_ready() {
  local reply
  # shellcheck disable=SC2016 # the inner script expands its own arguments
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\$db\x00\x06\x00\x00\x00admin\x00\x00" >&3
    len=$(dd bs=1 count=4 status=none <&3 | od -An -tu4 | tr -d " \n")
    [[ $len =~ ^[0-9]+$ ]] && ((len > 4 && len < 65536)) || exit 1
    head -c "$((len - 4))" <&3 | od -An -v -tx1 | tr -d " \n"
  ' "$FRONTERA_BIND" "$FERRETDB_PORT" 2>/dev/null) || return 1
  # element: double (01) "ok" (6f 6b 00) = 1.0 (00 00 00 00 00 00 f0 3f)
  [[ $reply == *016f6b00000000000000f03f* ]]
}

ferretdb_start() {
  local t0 deadline pid rc=0 logf p
  t0=$(now_us)
  if ferretdb_external; then
    info "ferretdb: using external MONGODB_URI=$MONGODB_URI"
    return 0
  fi
  ferretdb_install
  logf=$(log_file ferretdb)

  # PostgreSQL first, set up for FerretDB (companion indexes, plan_cache_mode), unless this run did.
  if [[ $PG_SETUP_DONE != 1 ]]; then postgres_start; fi

  # (Only the FerretDB of this data directory that listens where configured.)
  if pid=$(running_pid ferretdb "$FERRETDB_PORT") && [[ -f $(ferretdb_reconnect_marker) ]] &&
    [[ "$(pid_cmdline "$pid") " == *" --listen-addr=$FRONTERA_BIND:$FERRETDB_PORT "* ]]; then
    info "ferretdb: restarting (pid $pid) so that its PostgreSQL connections use plan_cache_mode=force_custom_plan"
    terminate ferretdb "$pid"
    remove_pid_file ferretdb
  fi
  if pid=$(running_pid ferretdb "$FERRETDB_PORT"); then
    deadline=$(($(now_us) + FRONTERA_START_TIMEOUT * 1000000))
    wait_until ferretdb "$deadline" "$pid" ferretdb_ready ||
      die "ferretdb: pid $pid is running but does not answer on $FRONTERA_BIND:$FERRETDB_PORT (see $logf; try 'servers.sh stop ferretdb')"
    info "ferretdb: already running on $FRONTERA_BIND:$FERRETDB_PORT (pid $pid)"
    return 0
  fi

  for p in "$FERRETDB_PORT" ${FERRETDB_DEBUG_ADDR:+"${FERRETDB_DEBUG_ADDR##*:}"}; do
    [[ $p == - ]] && continue
    rc=0
    pid=$(check_port_free ferretdb "$p" "$([[ $p == "$FERRETDB_PORT" ]] && echo FRONTERA_MONGO_PORT || echo FRONTERA_FERRETDB_DEBUG_ADDR)") || rc=$?
    if ((rc == 2)); then
      write_pid_file ferretdb "$pid"
      info "ferretdb: already running on $FRONTERA_BIND:$FERRETDB_PORT (pid $pid)"
      return 0
    elif ((rc != 0)); then
      exit 1
    fi
  done

  mkdir -p "$FERRETDB_STATE"
  rotate_log "$logf"
  deadline=$(($(now_us) + FRONTERA_START_TIMEOUT * 1000000))
  launch ferretdb "$FERRETDB_STATE" env DO_NOT_TRACK=1 "$FERRETDB_BIN" \
    --handler=postgresql \
    "--postgresql-url=postgres://$PG_USER@$FRONTERA_BIND:$PG_PORT/$PG_DB?pool_max_conns=$FERRETDB_PG_POOL_MAX" \
    "--listen-addr=$FRONTERA_BIND:$FERRETDB_PORT" \
    --telemetry=disable \
    "--state-dir=$FERRETDB_STATE" \
    "--debug-addr=$FERRETDB_DEBUG_ADDR" \
    "--log-level=$FERRETDB_LOG_LEVEL"
  pid=$LAUNCHED_PID
  write_pid_file ferretdb "$pid"
  rm -f "$(ferretdb_reconnect_marker)" # a new process: new connections, current settings
  await_ready ferretdb "$pid" "$deadline" ferretdb_ready
  info "ferretdb: started on $FRONTERA_BIND:$FERRETDB_PORT (pid $pid) in $(since "$t0")"
}

ferretdb_stop() { stop_managed ferretdb "$FERRETDB_PORT" ferretdb_external "MONGODB_URI=${MONGODB_URI:-}"; }

ferretdb_status() {
  status_managed ferretdb "$FERRETDB_PORT" ferretdb_external "MONGODB_URI=${MONGODB_URI:-}" ferretdb_ready "$(ferretdb_local_uri)"
}

ferretdb_ports() {
  printf '%s\n' ferretdb FRONTERA_MONGO_PORT "$FERRETDB_PORT"
  if [[ $FERRETDB_DEBUG_ADDR != - ]]; then
    printf '%s\n' ferretdb FRONTERA_FERRETDB_DEBUG_ADDR "${FERRETDB_DEBUG_ADDR##*:}"
  fi
}

ferretdb_env() {
  if ferretdb_external; then print_export MONGODB_URI "$MONGODB_URI"; else print_export MONGODB_URI "$(ferretdb_local_uri)"; fi
}
