#!/usr/bin/env bash
# The Temporal dev server (temporal server start-dev), in the background.
#
#   scripts/temporal.sh start    no-op when already running and healthy
#   scripts/temporal.sh stop
#   scripts/temporal.sh status
#
# gRPC on 127.0.0.1:$UIS_TEMPORAL_PORT (7233), Web UI on 127.0.0.1:$UIS_TEMPORAL_UI_PORT (8233),
# state in .tools/temporal/dev.db, log .tools/temporal/server.log,
# pid .tools/temporal/temporal.pid. Registers the search attributes
# JourneyStage (Keyword), District (Keyword), ReviewOverdue (Bool), EmployerReviewOverdue (Bool).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# UIS_TEMPORAL_DIR: where this server keeps its state, pid and log (the fault suite runs a second
# server of its own beside the one `make test` uses).
TDIR="${UIS_TEMPORAL_DIR:-$TOOLS/temporal}"
PIDFILE="$TDIR/temporal.pid"
LOGFILE="$TDIR/server.log"
DBFILE="$TDIR/dev.db"
TEMPORAL="$BIN/temporal"
ADDRESS="127.0.0.1:$UIS_TEMPORAL_PORT"
START_TIMEOUT=60

[[ -x "$TEMPORAL" ]] || die "$TEMPORAL missing: run scripts/setup.sh"
# shellcheck source=scripts/temporal-common.sh
source "$ROOT/scripts/temporal-common.sh"

# PID of our server if it is alive (and really is a temporal process).
server_pid() { pid_of "$PIDFILE" "temporal server start-dev"; }

cmd_start() {
    mkdir -p "$TDIR"
    local pid
    if pid="$(server_pid)"; then
        if wait_healthy "$START_TIMEOUT"; then
            ensure_search_attributes
            log "temporal already running (pid $pid) on $ADDRESS"
            return 0
        fi
        log "temporal pid $pid is not healthy: restarting it"
        stop_pid "$pid"
    fi
    rm -f "$PIDFILE"
    local port
    for port in "$UIS_TEMPORAL_PORT" "$UIS_TEMPORAL_UI_PORT"; do
        if port_open 127.0.0.1 "$port"; then
            die "port 127.0.0.1:$port is already taken by another process"
        fi
    done

    local args=(server start-dev --ip 127.0.0.1 --port "$UIS_TEMPORAL_PORT"
        --ui-port "$UIS_TEMPORAL_UI_PORT" --db-filename "$DBFILE" --log-level warn)
    local sa
    for sa in "${SEARCH_ATTRIBUTES[@]}"; do args+=(--search-attribute "$sa"); done

    log "starting temporal dev server on $ADDRESS (UI http://127.0.0.1:$UIS_TEMPORAL_UI_PORT)"
    # setsid: own session and process group, so `stop` can end all of it and a
    # closing terminal does not. Without job control the child is not a group
    # leader, so setsid does not fork and $! is the server's pid.
    setsid nohup "$TEMPORAL" "${args[@]}" >>"$LOGFILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PIDFILE"

    if ! wait_healthy "$START_TIMEOUT"; then
        log "ERROR: temporal not SERVING after ${START_TIMEOUT}s; last lines of $LOGFILE:"
        tail -n 40 "$LOGFILE" >&2 || true
        kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
        rm -f "$PIDFILE"
        exit 1
    fi
    ensure_search_attributes
    wait_for_port 127.0.0.1 "$UIS_TEMPORAL_UI_PORT" 30 || { tail -n 40 "$LOGFILE" >&2; exit 1; }
    log "temporal SERVING (pid $pid)"
}

cmd_stop() {
    local pid
    if pid="$(server_pid)"; then
        log "stopping temporal (pid $pid)"
        stop_pid "$pid"
        log "temporal stopped"
    else
        log "temporal not running"
    fi
    rm -f "$PIDFILE"
}

cmd_status() {
    local pid
    if pid="$(server_pid)"; then
        if healthy; then
            log "temporal running (pid $pid), SERVING on $ADDRESS, UI http://127.0.0.1:$UIS_TEMPORAL_UI_PORT"
        else
            log "temporal running (pid $pid) but not SERVING on $ADDRESS"
            return 1
        fi
    else
        log "temporal not running"
        return 3
    fi
}

subcommand "start stop status" "$@"
