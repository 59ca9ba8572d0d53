# shellcheck shell=bash
# PostgreSQL (Debian's postgresql package), the storage behind FerretDB.
# Data: <data>/postgres, socket dir <data>/postgres-socket, log <data>/log/postgres.log.
# Runs as the postgres user when we are root (postgres refuses to run as root).

PG_PORT=${FRONTERA_POSTGRES_PORT:-15432}
PG_USER=frontera
PG_DB=ferretdb
PG_DATA=$FRONTERA_DATA_DIR/postgres
PG_SOCKET_DIR=$FRONTERA_DATA_DIR/postgres-socket
PG_BINDIR=
# Event triggers that give FerretDB's tables companion GIN indexes, and plan_cache_mode (see the file).
PG_FERRETDB_SQL=$(realpath -m -- "$FRONTERA_LOCAL_DIR/../ferretdb/companion-indexes.sql")
# A row trigger per FerretDB table that refuses to move a document's version backwards (see the file).
PG_FERRETDB_GUARD_SQL=$(realpath -m -- "$FRONTERA_LOCAL_DIR/../ferretdb/version-guard.sql")
PG_SETUP_DONE=0

# Highest installed /usr/lib/postgresql/<ver>/bin, else the directory of `pg_ctl` on PATH.
postgres_find_bindir() {
  local d best=
  if [[ -n ${FRONTERA_PG_BINDIR:-} ]]; then
    PG_BINDIR=$FRONTERA_PG_BINDIR
    return 0
  fi
  for d in /usr/lib/postgresql/*/bin; do
    [[ -x $d/postgres && -x $d/initdb && -x $d/pg_ctl ]] || continue
    best=$(printf '%s\n%s\n' "$best" "$d" | sed '/^$/d' | sort -V | tail -n 1)
  done
  if [[ -z $best ]] && command -v pg_ctl >/dev/null 2>&1; then
    best=$(dirname "$(command -v pg_ctl)")
  fi
  [[ -n $best ]] || return 1
  PG_BINDIR=$best
}

postgres_external() { is_external_value "${MONGODB_URI:-}" "$(ferretdb_local_uri)"; }

# Run a command as the postgres user when root, as ourselves otherwise.
as_pg() {
  if [[ $IS_ROOT == 1 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The postmaster chdirs into its data directory.
postgres_owns_pid() { [[ $(pid_cwd "$1") == "$PG_DATA" ]]; }

postgres_ready() {
  "$PG_BINDIR/pg_isready" -q -h "$FRONTERA_BIND" -p "$PG_PORT" -U "$PG_USER" -d postgres -t 2
}

psql_local() {
  "$PG_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$FRONTERA_BIND" -p "$PG_PORT" -U "$PG_USER" "$@"
}

postgres_install() {
  if postgres_find_bindir; then
    debug "postgres: using $PG_BINDIR"
    return 0
  fi
  apt_install "$(log_file postgres-install)" postgresql
  postgres_find_bindir || die "postgres: package postgresql installed but no /usr/lib/postgresql/*/bin/postgres found"
  info "postgres: installed $("$PG_BINDIR/postgres" --version)"
}

# The running postmaster's pid (from our pid file or postmaster.pid); updates our pid file.
postgres_pid() {
  local pid
  if pid=$(our_pid postgres); then
    printf '%s' "$pid"
    return 0
  fi
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    pid=$(head -n 1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')
    if pid_alive "$pid" && postgres_owns_pid "$pid"; then
      [[ -d $RUN_DIR ]] && write_pid_file postgres "$pid"
      printf '%s' "$pid"
      return 0
    fi
  fi
  return 1
}

# Database ferretdb (idempotent).
postgres_create_db() {
  local exists
  exists=$(psql_local -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")
  if [[ $exists != 1 ]]; then
    psql_local -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null
    debug "postgres: created database $PG_DB"
  fi
}

# Marker: FerretDB's connections predate plan_cache_mode=force_custom_plan; ferretdb_start restarts it.
ferretdb_reconnect_marker() { printf '%s/ferretdb.reconnect' "$RUN_DIR"; }

# Apply infra/ferretdb/companion-indexes.sql to database ferretdb (idempotent; a few ms when
# nothing is missing). When plan_cache_mode was not set yet, a running FerretDB has to reconnect.
postgres_apply_ferretdb_sql() {
  local had out created dropped dir
  # The server answering on PG_PORT must be this data directory's (not another cluster's).
  dir=$(psql_local -d "$PG_DB" -tAc "SHOW data_directory") || return 1
  if [[ $(realpath -m -- "$dir") != "$PG_DATA" ]]; then
    warn "postgres: the server on $FRONTERA_BIND:$PG_PORT serves $dir, not $PG_DATA (FRONTERA_DATA_DIR=$FRONTERA_DATA_DIR): not touching it"
    return 1
  fi
  had=$(psql_local -d "$PG_DB" -tAc "SELECT count(*) FROM pg_db_role_setting s, unnest(s.setconfig) c
    WHERE s.setrole = 0 AND s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND c = 'plan_cache_mode=force_custom_plan'") || return 1
  out=$(psql_local -d "$PG_DB" -tA -f "$PG_FERRETDB_SQL") || {
    warn "postgres: applying $PG_FERRETDB_SQL to database $PG_DB failed"
    return 1
  }
  IFS='|' read -r created dropped <<<"$(tail -n 1 <<<"$out")"
  psql_local -d "$PG_DB" -tA -f "$PG_FERRETDB_GUARD_SQL" >/dev/null || {
    warn "postgres: applying $PG_FERRETDB_GUARD_SQL to database $PG_DB failed"
    return 1
  }
  if [[ ${created:-0} != 0 || ${dropped:-0} != 0 ]]; then
    info "postgres: FerretDB companion indexes: ${created:-0} created, ${dropped:-0} dropped (for data from before the event trigger)"
  else
    debug "postgres: FerretDB companion indexes and plan_cache_mode in place"
  fi
  if [[ $had == 0 && -d $RUN_DIR ]]; then touch "$(ferretdb_reconnect_marker)"; fi
}

# Database ferretdb with FerretDB's companion indexes and settings.
postgres_setup_db() {
  postgres_create_db && postgres_apply_ferretdb_sql && PG_SETUP_DONE=1
}

postgres_start() {
  local t0 deadline pid rc=0 logf timeout
  t0=$(now_us)
  if postgres_external; then
    info "postgres: not started, FerretDB is replaced by external MONGODB_URI=$MONGODB_URI"
    return 0
  fi
  postgres_install
  logf=$(log_file postgres)

  if pid=$(postgres_pid); then
    deadline=$(($(now_us) + FRONTERA_START_TIMEOUT * 1000000))
    wait_until postgres "$deadline" "$pid" postgres_ready ||
      die "postgres: pid $pid is running but does not answer on $FRONTERA_BIND:$PG_PORT (see $logf; try 'servers.sh stop postgres')"
    postgres_setup_db || die "postgres: cannot set up database $PG_DB"
    info "postgres: already running on $FRONTERA_BIND:$PG_PORT (pid $pid)"
    return 0
  fi

  pid=$(check_port_free postgres "$PG_PORT" FRONTERA_POSTGRES_PORT) || rc=$?
  if ((rc == 2)); then
    write_pid_file postgres "$pid"
    postgres_setup_db || die "postgres: cannot set up database $PG_DB"
    info "postgres: already running on $FRONTERA_BIND:$PG_PORT (pid $pid)"
    return 0
  elif ((rc != 0)); then
    exit 1
  fi

  # Directories: the data directory belongs to the postgres user when we are root.
  mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
  touch "$logf"
  rotate_log "$logf"
  touch "$logf"
  if [[ $IS_ROOT == 1 ]]; then
    id postgres >/dev/null 2>&1 || die "postgres: user 'postgres' does not exist (reinstall the postgresql package)"
    chown postgres:postgres "$PG_DATA" "$PG_SOCKET_DIR" "$logf"
    as_pg test -w "$PG_DATA" ||
      die "postgres: the postgres user cannot reach $PG_DATA: every parent directory of FRONTERA_DATA_DIR=$FRONTERA_DATA_DIR must be searchable by others (chmod o+x), e.g. not under /root"
  fi
  chmod 700 "$PG_DATA"

  # A postmaster.pid left by a crash whose pid is not a postgres of ours: remove it.
  if [[ -f $PG_DATA/postmaster.pid ]]; then
    debug "postgres: removing stale $PG_DATA/postmaster.pid"
    rm -f "$PG_DATA/postmaster.pid"
  fi
  remove_pid_file postgres

  deadline=$(($(now_us) + FRONTERA_START_TIMEOUT * 1000000))
  if [[ ! -f $PG_DATA/PG_VERSION ]]; then
    debug "postgres: initdb $PG_DATA"
    run_logged "$logf" as_pg "$PG_BINDIR/initdb" -D "$PG_DATA" -U "$PG_USER" -A trust -E UTF8 --no-locale ||
      start_failed postgres "initdb failed"
  fi

  # pg_ctl -w waits until the server accepts connections (or fails, or times out).
  timeout=$(((deadline - $(now_us)) / 1000000))
  ((timeout < 5)) && timeout=5
  run_logged "$logf" as_pg "$PG_BINDIR/pg_ctl" start -D "$PG_DATA" -l "$logf" -w -t "$timeout" -s \
    -o "-p $PG_PORT -k '$PG_SOCKET_DIR' -c listen_addresses=$FRONTERA_BIND -c max_connections=$((${FRONTERA_FERRETDB_PG_POOL_MAX:-1000} + 100)) -c fsync=on -c shared_buffers=128MB" ||
    start_failed postgres "pg_ctl start failed"
  pid=$(head -n 1 "$PG_DATA/postmaster.pid" 2>/dev/null | tr -dc '0-9')
  [[ -n $pid ]] || start_failed postgres "no postmaster.pid after start"
  write_pid_file postgres "$pid"
  wait_until postgres "$deadline" "$pid" postgres_ready || start_failed postgres "not answering on $FRONTERA_BIND:$PG_PORT"
  postgres_setup_db || start_failed postgres "cannot set up database $PG_DB"
  info "postgres: started on $FRONTERA_BIND:$PG_PORT (pid $pid) in $(since "$t0")"
}

postgres_stop() {
  local t0 pid
  t0=$(now_us)
  if postgres_external; then
    info "postgres: not managed here (external MONGODB_URI=$MONGODB_URI)"
    return 0
  fi
  if ! postgres_find_bindir || ! pid=$(postgres_pid); then
    remove_pid_file postgres
    info "postgres: not running"
    return 0
  fi
  if ! as_pg "$PG_BINDIR/pg_ctl" stop -D "$PG_DATA" -m fast -w -t "$FRONTERA_STOP_TIMEOUT" -s >>"$(log_file postgres)" 2>&1; then
    warn "postgres: pg_ctl stop -m fast did not finish in ${FRONTERA_STOP_TIMEOUT}s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  remove_pid_file postgres
  info "postgres: stopped (pid $pid) in $(since "$t0")"
}

postgres_status() {
  local pid state addr="$FRONTERA_BIND:$PG_PORT"
  if postgres_external; then
    status_line postgres external - "not needed (MONGODB_URI=$MONGODB_URI)"
    return 0
  fi
  if postgres_find_bindir && pid=$(postgres_pid); then
    state=running
    postgres_ready || state=starting
    status_line postgres "$state" "pid=$pid" "$addr (user $PG_USER, db $PG_DB)"
  else
    status_line postgres stopped - "$addr$(port_note "$PG_PORT")"
  fi
}

postgres_env() { :; }

# name, variable, port of each port this server listens on (see check_ports).
postgres_ports() { printf '%s\n' postgres FRONTERA_POSTGRES_PORT "$PG_PORT"; }
