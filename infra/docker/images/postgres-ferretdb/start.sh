#!/usr/bin/env bash
# Entry point of frontera-local/postgres-ferretdb: PostgreSQL (as the postgres user), the FerretDB
# database with the companion indexes and version guard, then FerretDB; prints
# "frontera: postgres-ferretdb ready" once FerretDB answers a ping. `start.sh health` is the health check.
set -euo pipefail
BIND=${FRONTERA_BIND:-127.0.0.1}
PG_PORT=${FRONTERA_POSTGRES_PORT:-15432}
MONGO_PORT=${FRONTERA_MONGO_PORT:-17017}
PG_BIN=/usr/lib/postgresql/15/bin
DATA=/var/lib/frontera
PGDATA=$DATA/postgres
SOCKETS=$DATA/postgres-socket

# MongoDB OP_MSG {ping: 1, $db: "admin"} (as infra/local/lib/ferretdb.sh): ok when the reply holds ok: 1.0.
ferretdb_ping() {
  local reply
  # shellcheck disable=SC2016
  reply=$(timeout 3 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 1
    printf "\x33\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\xdd\x07\x00\x00\x00\x00\x00\x00\x00\x1e\x00\x00\x00\x10ping\x00\x01\x00\x00\x00\x02\$db\x00\x06\x00\x00\x00admin\x00\x00" >&3
    len=$(dd bs=1 count=4 status=none <&3 | od -An -tu4 | tr -d " \n")
    [[ $len =~ ^[0-9]+$ ]] && ((len > 4 && len < 65536)) || exit 1
    head -c "$((len - 4))" <&3 | od -An -v -tx1 | tr -d " \n"
  ' "$BIND" "$MONGO_PORT" 2>/dev/null) || return 1
  [[ $reply == *016f6b00000000000000f03f* ]]
}

if [[ ${1:-} == health ]]; then ferretdb_ping; exit; fi

as_pg() { runuser -u postgres -- "$@"; }
psql_pg() { as_pg "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$BIND" -p "$PG_PORT" -U frontera "$@"; }

mkdir -p "$PGDATA" "$SOCKETS" "$DATA/ferretdb"
chown postgres:postgres "$DATA" "$PGDATA" "$SOCKETS" "$DATA/ferretdb"
chmod 700 "$PGDATA"
if [[ ! -f $PGDATA/PG_VERSION ]]; then
  as_pg "$PG_BIN/initdb" -D "$PGDATA" -U frontera -A trust -E UTF8 --no-locale >/dev/null
fi
rm -f "$PGDATA/postmaster.pid"
as_pg "$PG_BIN/postgres" -D "$PGDATA" -p "$PG_PORT" -k "$SOCKETS" -c "listen_addresses=$BIND" \
  -c max_connections=1100 -c shared_buffers=128MB &
pg_pid=$!
ferretdb_pid=
stop_all() {
  [[ -n $ferretdb_pid ]] && kill -TERM "$ferretdb_pid" 2>/dev/null || true
  kill -INT "$pg_pid" 2>/dev/null || true # fast shutdown
  wait 2>/dev/null || true
  exit "${1:-0}"
}
trap stop_all TERM INT

for _ in $(seq 1 300); do
  "$PG_BIN/pg_isready" -q -h "$BIND" -p "$PG_PORT" -U frontera -d postgres -t 1 && break
  kill -0 "$pg_pid" 2>/dev/null || { echo "frontera: postgres exited" >&2; exit 1; }
  sleep 0.2
done
if [[ $(psql_pg -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'ferretdb'") != 1 ]]; then
  psql_pg -d postgres -c 'CREATE DATABASE ferretdb' >/dev/null
fi
psql_pg -d ferretdb -tA -f /opt/frontera/companion-indexes.sql >/dev/null
psql_pg -d ferretdb -tA -f /opt/frontera/version-guard.sql >/dev/null
echo "frontera: postgres ready on $BIND:$PG_PORT (companion indexes and version guard applied)"

as_pg env DO_NOT_TRACK=1 /usr/local/bin/ferretdb --handler=postgresql \
  "--postgresql-url=postgres://frontera@$BIND:$PG_PORT/ferretdb?pool_max_conns=1000" \
  "--listen-addr=$BIND:$MONGO_PORT" --telemetry=disable "--state-dir=$DATA/ferretdb" \
  --debug-addr=- "--log-level=${FRONTERA_FERRETDB_LOG_LEVEL:-warn}" &
ferretdb_pid=$!
for _ in $(seq 1 300); do
  ferretdb_ping && break
  kill -0 "$ferretdb_pid" 2>/dev/null || { echo "frontera: ferretdb exited" >&2; stop_all 1; }
  sleep 0.2
done
echo "frontera: postgres-ferretdb ready on $BIND:$MONGO_PORT"
# Either server exiting ends the container (its restart policy or the test harness decides what next).
wait -n "$pg_pid" "$ferretdb_pid" || true
echo "frontera: a server exited, stopping" >&2
stop_all 1
