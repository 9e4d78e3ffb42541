#!/usr/bin/env bash
# The Temporal server (the production engine) on the project's own PostgreSQL cluster, in the
# background: the alternative to the dev server of scripts/temporal.sh (`make run ENGINE=server`).
#
#   scripts/temporal-server.sh build    the server and its SQL schema tool, once (cached in .tools/)
#   scripts/temporal-server.sh start    build if missing, databases + schemas, start, namespaces,
#                                       search attributes; a no-op when already running and healthy
#   scripts/temporal-server.sh stop
#   scripts/temporal-server.sh status
#   scripts/temporal-server.sh version  the server version it builds and runs
#
# Databases `temporal` and `temporal_visibility` (role temporal: deploy/postgres/temporal-init.sql,
# the same file production runs), their schemas set up and upgraded by Temporal's own schema tool;
# the configuration is deploy/temporal/config/server.yaml, the one docker-compose.yml mounts.
# gRPC on 127.0.0.1:$UIS_TEMPORAL_SERVER_PORT (7300; its other services take the next ports);
# history shards: $UIS_TEMPORAL_SERVER_SHARDS (16), fixed when the databases are first set up.
# State: .tools/temporal-server/ (binary per version, log, pid).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION="v1.30.8"  # go.mod of v1.30.9 needs Go 1.26.10; this machine has 1.26.8
SDIR="$TOOLS/temporal-server"
VDIR="$SDIR/$VERSION"
SERVER="$VDIR/server"
SQL_TOOL="$VDIR/sql"
SCHEMA="$VDIR/schema/postgresql/v12"
PIDFILE="$SDIR/server.pid"
LOGFILE="$SDIR/server.log"
TEMPORAL="$BIN/temporal"
ADDRESS="127.0.0.1:$UIS_TEMPORAL_SERVER_PORT"
START_TIMEOUT=120
TEMPORAL_DB_PASSWORD="${TEMPORAL_DB_PASSWORD:-temporal}"
export TEMPORAL_DB_PASSWORD

# shellcheck source=scripts/temporal-common.sh
source "$ROOT/scripts/temporal-common.sh"

server_pid() { pid_of "$PIDFILE" "$SERVER"; }

cmd_build() {
    [[ -x "$SERVER" && -x "$SQL_TOOL" && -d "$SCHEMA" ]] && return 0
    command -v go >/dev/null || die "go is missing (Go 1.26 builds the Temporal server)"
    log "building the Temporal server $VERSION and its SQL tool from the Go module proxy (once)"
    mkdir -p "$VDIR"
    GOBIN="$VDIR" GOFLAGS=-mod=mod go install "go.temporal.io/server/cmd/server@$VERSION" \
        "go.temporal.io/server/cmd/tools/sql@$VERSION"
    # The versioned schema files ship in the module, not in the binaries: keep them beside them.
    local module
    module="$(go env GOMODCACHE)/go.temporal.io/server@$VERSION"
    rm -rf "$VDIR/schema" && mkdir -p "$VDIR/schema/postgresql"
    cp -r "$module/schema/postgresql/v12" "$VDIR/schema/postgresql/"
    chmod -R u+w "$VDIR/schema"
}

# The role and both databases (idempotent, as production's first start), then their schemas
# (deploy/temporal/schema.sh: the same steps as production's image).
ensure_databases() {
    bash "$ROOT/scripts/pg.sh" start >/dev/null 2>&1
    psql -q -h "$UIS_PG_HOST" -p "$UIS_PG_PORT" -U postgres -d "$UIS_DATABASE" \
        -f "$ROOT/deploy/postgres/temporal-init.sql" >/dev/null
    TEMPORAL_SQL_TOOL="$SQL_TOOL" TEMPORAL_SCHEMA="$SCHEMA" TEMPORAL_DB_HOST="$UIS_PG_HOST" \
        TEMPORAL_DB_PORT="$UIS_PG_PORT" bash "$ROOT/deploy/temporal/schema.sh" >>"$SDIR/schema.log" 2>&1 ||
        { tail -n 20 "$SDIR/schema.log" >&2; die "the schemas of temporal / temporal_visibility failed (log: $SDIR/schema.log)"; }
}

cmd_start() {
    # The CLI answers the health check and registers namespaces: without it every start would
    # wait out START_TIMEOUT and fail.
    [[ -x "$TEMPORAL" ]] || die "$TEMPORAL missing: run scripts/setup.sh"
    mkdir -p "$SDIR"
    local pid
    if pid="$(server_pid)"; then
        if wait_healthy "$START_TIMEOUT"; then
            ensure_search_attributes
            log "temporal server already running (pid $pid) on $ADDRESS"
            return 0
        fi
        log "temporal server pid $pid is not healthy: restarting it"
        stop_pid "$pid"
    fi
    rm -f "$PIDFILE"
    port_open 127.0.0.1 "$UIS_TEMPORAL_SERVER_PORT" && die "port $ADDRESS is already taken by another process"
    cmd_build
    ensure_databases
    log "starting the Temporal server $VERSION on $ADDRESS ($UIS_TEMPORAL_SERVER_SHARDS history shards, PostgreSQL)"
    TEMPORAL_DB_HOST="$UIS_PG_HOST" TEMPORAL_DB_PORT="$UIS_PG_PORT" TEMPORAL_PORT="$UIS_TEMPORAL_SERVER_PORT" \
        TEMPORAL_NUM_HISTORY_SHARDS="$UIS_TEMPORAL_SERVER_SHARDS" \
        TEMPORAL_DYNAMIC_CONFIG="$ROOT/deploy/temporal/dynamicconfig/development-sql.yaml" \
        setsid nohup "$SERVER" --config-file "$ROOT/deploy/temporal/config/server.yaml" --allow-no-auth start \
        >>"$LOGFILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PIDFILE"
    if ! wait_healthy "$START_TIMEOUT"; then
        log "ERROR: the Temporal server is not SERVING after ${START_TIMEOUT}s; last lines of $LOGFILE:"
        tail -n 40 "$LOGFILE" >&2 || true
        kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
        rm -f "$PIDFILE"
        exit 1
    fi
    ensure_search_attributes
    log "temporal server SERVING (pid $pid) on $ADDRESS"
}

cmd_stop() {
    local pid
    if pid="$(server_pid)"; then
        log "stopping the Temporal server (pid $pid)"
        stop_pid "$pid"
    else
        log "temporal server not running"
    fi
    rm -f "$PIDFILE"
}

cmd_status() {
    local pid
    if ! pid="$(server_pid)"; then
        log "temporal server not running"
        return 3
    fi
    healthy || { log "temporal server running (pid $pid) but not SERVING on $ADDRESS"; return 1; }
    log "temporal server running (pid $pid), SERVING on $ADDRESS"
}

cmd_version() { echo "$VERSION"; }

subcommand "build start stop status version" "$@"
