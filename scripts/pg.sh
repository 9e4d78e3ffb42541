#!/usr/bin/env bash
# The project's own PostgreSQL cluster (not Debian's default one).
#
#   scripts/pg.sh start    initdb on first use, start, wait, provision $UIS_DATABASE, $UIS_TEST_DATABASE and ${UIS_TEST_DATABASE}_journeys
#   scripts/pg.sh stop     pg_ctl stop -m fast
#   scripts/pg.sh status
#   scripts/pg.sh psql [ARGS...]   psql as postgres on database $UIS_DATABASE
#
# Data in $UIS_PG_DIR (default .tools/pg): data/, run/ (socket), log/postgres.log.
# The server runs as the `postgres` OS user (initdb refuses root) and listens on
# $UIS_PG_HOST:$UIS_PG_PORT (127.0.0.1:54329) only.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# .tools/pg unless the postgres user cannot reach it (a clone under a 700 home directory) or its
# socket path would be too long: then a per-clone folder under /var/tmp, so CI passes anywhere.
default_pg_dir() {
    local dir="$TOOLS/pg"
    mkdir -p "$TOOLS"
    local sock="$dir/run/.s.PGSQL.$UIS_PG_PORT"
    if ((${#sock} >= 100)) ||
        { [[ $EUID -eq 0 ]] && ! (cd / && runuser -u postgres -- test -x "$TOOLS") 2>/dev/null; }; then
        dir="/var/tmp/uis-pg-$(printf '%s' "$ROOT" | sha1sum | cut -c1-12)"
    fi
    echo "$dir"
}
PG_DIR="${UIS_PG_DIR:-$(default_pg_dir)}"
PGDATA_DIR="$PG_DIR/data"
PGRUN_DIR="$PG_DIR/run"
PGLOG_DIR="$PG_DIR/log"
PGLOG="$PGLOG_DIR/postgres.log"
INIT_SQL="$ROOT/deploy/postgres/init.sql"
PG_OS_USER="postgres"
# The run database, the test database and the one of the whole-journey harness (tests/journeys).
DATABASES=("$UIS_DATABASE" "$UIS_TEST_DATABASE" "${UIS_TEST_DATABASE}_journeys")

PGBIN="$(pg_bindir)" || die "PostgreSQL server binaries not found: run scripts/setup.sh"

# Run a command as the postgres OS user (or as ourselves when we are not root).
as_pg() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u "$PG_OS_USER" -- "$@")
    else
        "$@"
    fi
}

# Admin connection over the unix socket, as the postgres superuser.
pg_psql() {
    "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PGRUN_DIR" -p "$UIS_PG_PORT" -U postgres "$@"
}

is_running() {
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1
}

# The postgres user must be able to reach $PG_DIR: every parent directory
# needs the x bit for it. Name the first one that blocks it.
check_traversable() {
    [[ $EUID -eq 0 ]] || return 0
    id "$PG_OS_USER" >/dev/null 2>&1 || die "OS user '$PG_OS_USER' does not exist (is the postgresql package installed?)"
    if as_pg test -x "$PG_DIR"; then
        return 0
    fi
    local d="$PG_DIR"
    local blocker="$PG_DIR"
    while [[ "$d" != "/" ]]; do
        d="$(dirname "$d")"
        if ! as_pg test -x "$d"; then blocker="$d"; fi
    done
    die "the '$PG_OS_USER' user cannot traverse '$blocker' ($(stat -c '%A %U:%G' "$blocker")), so it cannot reach $PG_DIR.
  Move the repository under a directory others can enter (e.g. chmod o+x '$blocker'),
  or put the cluster elsewhere: UIS_PG_DIR=/var/tmp/uis-pg $0 start"
}

prepare_dirs() {
    mkdir -p "$PG_DIR" "$PGRUN_DIR" "$PGLOG_DIR"
    check_traversable
    local sock="$PGRUN_DIR/.s.PGSQL.$UIS_PG_PORT"
    ((${#sock} < 100)) || die "socket path too long for a unix socket (${#sock} chars): $sock; set UIS_PG_DIR to a shorter path"
    if [[ $EUID -eq 0 ]]; then
        chown "$PG_OS_USER:" "$PG_DIR" "$PGRUN_DIR" "$PGLOG_DIR"
        [[ -d "$PGDATA_DIR" ]] && chown -R "$PG_OS_USER:" "$PGDATA_DIR"
        [[ -f "$PGLOG" ]] && chown "$PG_OS_USER:" "$PGLOG"
    fi
    chmod 755 "$PG_DIR" "$PGRUN_DIR" "$PGLOG_DIR"
}

init_cluster() {
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] && return 0
    local locale="C.UTF-8"
    if ! locale -a 2>/dev/null | grep -iE '^c\.utf-?8$' >/dev/null; then locale="C"; fi
    log "initdb $PGDATA_DIR (locale $locale)"
    rm -rf "$PGDATA_DIR"
    mkdir -p "$PGDATA_DIR"
    [[ $EUID -eq 0 ]] && chown "$PG_OS_USER:" "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust --encoding=UTF8 \
        --locale="$locale" >"$PGLOG_DIR/initdb.log" 2>&1 ||
        { cat "$PGLOG_DIR/initdb.log" >&2; die "initdb failed"; }
}

provision() {
    local db
    for db in "${DATABASES[@]}"; do
        if [[ -z "$(pg_psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]]; then
            log "creating database $db"
            pg_psql -d postgres -c "CREATE DATABASE \"$db\" ENCODING 'UTF8' TEMPLATE template0"
        fi
        pg_psql -d "$db" -f "$INIT_SQL"
    done
    log "provisioned roles/schemas registration, benefits, employment in: ${DATABASES[*]}"
}

cmd_start() {
    prepare_dirs
    init_cluster
    if is_running; then
        log "postgres already running (port $UIS_PG_PORT)"
    else
        if port_open "$UIS_PG_HOST" "$UIS_PG_PORT"; then
            die "port $UIS_PG_HOST:$UIS_PG_PORT is already taken by another process"
        fi
        log "starting postgres on $UIS_PG_HOST:$UIS_PG_PORT"
        # Settings are passed on the command line so that env overrides apply.
        if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGLOG" -w -t 60 -s start \
            -o "-c listen_addresses='$UIS_PG_HOST' -c port=$UIS_PG_PORT -c unix_socket_directories='$PGRUN_DIR'"; then
            tail -n 30 "$PGLOG" >&2 || true
            die "postgres did not start (log: $PGLOG)"
        fi
    fi
    local deadline=$((SECONDS + 60))
    until "$PGBIN/pg_isready" -q -h "$PGRUN_DIR" -p "$UIS_PG_PORT"; do
        if ((SECONDS >= deadline)); then
            tail -n 30 "$PGLOG" >&2 || true
            die "pg_isready still failing after 60s (log: $PGLOG)"
        fi
        sleep 0.2
    done
    provision
    log "postgres ready: postgresql://<role>:<role>@$UIS_PG_HOST:$UIS_PG_PORT/$UIS_DATABASE (tests: $UIS_TEST_DATABASE)"
}

cmd_stop() {
    if is_running; then
        as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -s stop
        log "postgres stopped"
    else
        log "postgres not running"
    fi
}

cmd_status() {
    if is_running; then
        if "$PGBIN/pg_isready" -q -h "$PGRUN_DIR" -p "$UIS_PG_PORT"; then
            log "postgres running and accepting connections on $UIS_PG_HOST:$UIS_PG_PORT (data $PGDATA_DIR)"
        else
            log "postgres running but not accepting connections on port $UIS_PG_PORT"
            return 1
        fi
    else
        log "postgres not running"
        return 3
    fi
}

cmd_psql() {
    is_running || die "postgres is not running: scripts/pg.sh start"
    exec "$PGBIN/psql" -h "$PGRUN_DIR" -p "$UIS_PG_PORT" -U postgres -d "$UIS_DATABASE" "$@"
}

subcommand "start stop status psql" "$@"
