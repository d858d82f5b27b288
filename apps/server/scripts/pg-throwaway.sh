#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the server's tests and prints its URL.
#   pg-throwaway.sh start DIR PORT   -> prints postgres://casebook@127.0.0.1:PORT/casebook
#   pg-throwaway.sh stop DIR
# PostgreSQL refuses to run as root, so as root the cluster belongs to the postgres user.
# fsync is off: the cluster is deleted after the run, and the tests need no durability.
set -euo pipefail
cmd=${1:?start or stop}
dir=${2:?data directory}
# Debian keeps the server binaries out of PATH, under /usr/lib/postgresql/VERSION/bin.
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || bin=$(dirname "$(command -v pg_ctl)")
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "$cmd" in
  start)
    port=${3:?port}
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U casebook -A trust -E UTF8 --no-locale >/dev/null
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U casebook casebook
    echo "postgres://casebook@127.0.0.1:$port/casebook"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
