#!/usr/bin/env bash
# A throwaway PostgreSQL server for the tests marked `postgres`, from Debian's packages.
#   bash scripts/pg.sh install     apt-get install postgresql when it is missing (as root or with passwordless sudo)
#   bash scripts/pg.sh available   exit 0 when PostgreSQL's server programs are installed
#   bash scripts/pg.sh start DIR   initdb into DIR (an empty folder), start on a free port of 127.0.0.1,
#                                  print the server's URL (postgresql+psycopg://postgres@127.0.0.1:PORT/postgres)
#   bash scripts/pg.sh stop DIR    stop that server and delete DIR
# As root the server runs as the `postgres` user (PostgreSQL refuses to run as root). Trust authentication on
# 127.0.0.1 only and fsync off (a test server: it only has to survive its clients, not a power cut).
set -euo pipefail

die() {
    echo "error: $*" >&2
    exit 1
}

bindir() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ]; then
        echo "$dir"
    elif command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v initdb)"
    else
        return 1
    fi
}

# as_owner COMMAND...: runs a server program as the user owning the cluster.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

install() {
    bindir >/dev/null && return 0
    local sudo="" log
    if [ "$(id -u)" -ne 0 ]; then
        sudo -n true 2>/dev/null || die "PostgreSQL is missing and we are not root: run 'sudo apt-get install postgresql'"
        sudo="sudo -n"
    fi
    log="$(mktemp)"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql; } >"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "apt-get install postgresql failed (output above)"
    fi
    rm -f "$log"
    bindir >/dev/null || die "postgresql installed but initdb not found under /usr/lib/postgresql/*/bin"
}

start() {
    local dir="$1" bin port
    bin="$(bindir)" || die "PostgreSQL is not installed (bash scripts/pg.sh install)"
    mkdir -p "$dir"
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --no-locale >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    port="$(free_port)"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null ||
        { cat "$dir/server.log" >&2; die "PostgreSQL did not start"; }
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
}

stop() {
    local dir="$1" bin
    bin="$(bindir)" || return 0
    if [ -f "$dir/data/postmaster.pid" ]; then
        as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
}

case "${1:-}" in
install) install ;;
available) bindir >/dev/null ;;
start) start "${2:?usage: pg.sh start DIR}" ;;
stop) stop "${2:?usage: pg.sh stop DIR}" ;;
*) die "usage: bash scripts/pg.sh install|available|start DIR|stop DIR" ;;
esac
