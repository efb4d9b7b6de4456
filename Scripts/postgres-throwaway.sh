#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 for the tests, as an
# unprivileged user, and prints the URL to put in NASHRA_TEST_POSTGRES_URL.
#
#   Scripts/postgres-throwaway.sh start [DIR] [PORT]   # prints postgres://…
#   Scripts/postgres-throwaway.sh stop  [DIR]
#
# Needs Debian's postgresql package (initdb, pg_ctl). As root it runs the
# server as the `postgres` user (initdb refuses root); otherwise as the caller.
set -euo pipefail

action=${1:?start or stop}
dir=${2:-/tmp/nashra-pg}
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "postgres-throwaway: no PostgreSQL under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$action" in
start)
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U nashra --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
  fi
  if ! as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    # A test cluster: no fsync, sockets in its own directory, loopback only.
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
      >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  fi
  as_owner "$bin/psql" -h 127.0.0.1 -p "$port" -U nashra -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'nashra_test'" \
    | grep -q 1 || as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U nashra nashra_test
  echo "postgres://nashra@127.0.0.1:$port/nashra_test"
  ;;
stop)
  as_owner "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true
  ;;
*)
  echo "postgres-throwaway: start or stop" >&2
  exit 2
  ;;
esac
