#!/usr/bin/env bash
# The Temporal Web UI for the Temporal server on PostgreSQL (scripts/temporal-server.sh), in the
# background: the dev server embeds its own UI, the production engine has none
# (`make run ENGINE=server` starts this one after the server).
#
#   scripts/temporal-ui.sh build    the ui-server, once (cached in .tools/)
#   scripts/temporal-ui.sh start    build if missing, start; a no-op when already running and healthy
#   scripts/temporal-ui.sh stop
#   scripts/temporal-ui.sh status
#   scripts/temporal-ui.sh version  the ui-server version it builds and runs
#
# The ui-server's module ships the built UI assets; v2.42.1 is the one the temporal CLI 1.5.1
# embeds and the temporalio/ui image of docker-compose.yml. Its configuration is
# deploy/temporal/ui/config/docker.yaml, the file the temporal-ui container mounts, rendered from
# the environment set below. HTTP on 127.0.0.1:$UIS_TEMPORAL_SERVER_UI_PORT (8300), talking to the
# server on 127.0.0.1:$UIS_TEMPORAL_SERVER_PORT (7300).
# State: .tools/temporal-ui/ (binary per version, log, pid).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION="v2.42.1"
UDIR="$TOOLS/temporal-ui"
VDIR="$UDIR/$VERSION"
UI_SERVER="$VDIR/server"
PIDFILE="$UDIR/ui.pid"
LOGFILE="$UDIR/ui.log"
CONFIG_ROOT="$ROOT/deploy/temporal/ui"
PORT="$UIS_TEMPORAL_SERVER_UI_PORT"
URL="http://127.0.0.1:$PORT"
START_TIMEOUT=30

# Go may not be on PATH in a non-login shell (as in scripts/setup.sh).
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
    PATH="/usr/local/go/bin:$PATH"
fi

ui_pid() { pid_of "$PIDFILE" "$UI_SERVER"; }

# The ui-server's own health route answers once it serves HTTP.
healthy() {
    curl -fsS -o /dev/null --max-time 3 "$URL/healthz" 2>/dev/null
}

cmd_build() {
    [[ -x "$UI_SERVER" ]] && return 0
    command -v go >/dev/null || die "go is missing (Go builds the Temporal ui-server)"
    log "building the Temporal ui-server $VERSION from the Go module proxy (once)"
    mkdir -p "$VDIR"
    GOBIN="$VDIR" GOFLAGS=-mod=mod nice -n 19 go install "github.com/temporalio/ui-server/v2/cmd/server@$VERSION"
}

cmd_start() {
    command -v curl >/dev/null || die "curl is missing (it answers the health check)"
    mkdir -p "$UDIR"
    local pid
    if pid="$(ui_pid)"; then
        if healthy; then
            log "temporal ui already running (pid $pid) on $URL"
            return 0
        fi
        log "temporal ui pid $pid does not answer on $URL: restarting it"
        stop_pid "$pid"
    fi
    rm -f "$PIDFILE"
    port_open 127.0.0.1 "$PORT" && die "port $PORT is already taken by another process"
    port_open 127.0.0.1 "$UIS_TEMPORAL_SERVER_PORT" ||
        log "warning: nothing on 127.0.0.1:$UIS_TEMPORAL_SERVER_PORT yet (scripts/temporal-server.sh start); the UI shows errors until it is"
    cmd_build
    log "starting the Temporal UI $VERSION on $URL (server 127.0.0.1:$UIS_TEMPORAL_SERVER_PORT)"
    # Plain HTTP on loopback: the CSRF cookie cannot be Secure here (production is behind TLS).
    TEMPORAL_ADDRESS="127.0.0.1:$UIS_TEMPORAL_SERVER_PORT" TEMPORAL_UI_HOST=127.0.0.1 \
        TEMPORAL_UI_PORT="$PORT" TEMPORAL_DEFAULT_NAMESPACE="${UIS_TEMPORAL_NAMESPACE:-default}" \
        TEMPORAL_CSRF_COOKIE_INSECURE=true \
        setsid nohup "$UI_SERVER" --root "$CONFIG_ROOT" --config config --env docker start \
        >>"$LOGFILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PIDFILE"
    local deadline=$((SECONDS + START_TIMEOUT))
    until healthy; do
        if ! kill -0 "$pid" 2>/dev/null || ((SECONDS >= deadline)); then
            log "ERROR: the Temporal UI does not answer on $URL (after at most ${START_TIMEOUT}s); last lines of $LOGFILE:"
            tail -n 20 "$LOGFILE" >&2 || true
            kill -0 "$pid" 2>/dev/null && stop_pid "$pid"
            rm -f "$PIDFILE"
            exit 1
        fi
        sleep 0.3
    done
    log "temporal ui answering (pid $pid) on $URL"
}

cmd_stop() {
    local pid
    if pid="$(ui_pid)"; then
        log "stopping the Temporal UI (pid $pid)"
        stop_pid "$pid"
    else
        log "temporal ui not running"
    fi
    rm -f "$PIDFILE"
}

cmd_status() {
    local pid
    if ! pid="$(ui_pid)"; then
        log "temporal ui not running"
        return 3
    fi
    healthy || { log "temporal ui running (pid $pid) but not answering on $URL"; return 1; }
    log "temporal ui running (pid $pid) on $URL"
}

cmd_version() { echo "$VERSION"; }

subcommand "build start stop status version" "$@"
