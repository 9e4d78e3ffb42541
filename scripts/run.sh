#!/usr/bin/env bash
# `make run`: install what is missing, start PostgreSQL, the Temporal dev server and its UI (or the
# Temporal server and scripts/temporal-ui.sh with ENGINE=server),
# apply migrations, start the three services, the staff console and the worker under supervisord,
# print where each is (the console first). A process that dies is started again (supervisord logs
# it, and backs off when it keeps dying); the worker creates the Temporal Schedules itself,
# retrying until Temporal takes them. Ctrl-C (or TERM) stops everything this script started,
# leaving no process behind.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# Every port and URL comes from scripts/defaults.env (read by lib.sh and by shared/local.py):
# the services' database URLs, the worker's and the benefits service's URLs follow from it.
LOGS="$TOOLS/logs"
RUN_DIR="$TOOLS/run"
VENV="$ROOT/.venv/bin"
# Every process with a port: the three services and the staff console (issue 11).
SERVICES=(registration benefits employment console)
mkdir -p "$LOGS" "$RUN_DIR"

"$ROOT/scripts/setup.sh"

# ENGINE=dev (default): the Temporal dev server with its UI (scripts/temporal.sh);
# ENGINE=server: the Temporal server on PostgreSQL, the production engine (scripts/temporal-server.sh),
# on its own port: the services and the worker are pointed at it; its Web UI is scripts/temporal-ui.sh,
# and the console's links into the UI follow (shared/local.py temporal_ui_url()).
ENGINE="${ENGINE:-dev}"
case "$ENGINE" in
    dev) TEMPORAL_SCRIPT="$ROOT/scripts/temporal.sh" ;;
    server)
        TEMPORAL_SCRIPT="$ROOT/scripts/temporal-server.sh"
        export UIS_TEMPORAL_PORT="$UIS_TEMPORAL_SERVER_PORT"
        export UIS_TEMPORAL_UI_PORT="$UIS_TEMPORAL_SERVER_UI_PORT"
        ;;
    *) die "ENGINE must be dev or server, not $ENGINE" ;;
esac

started_pg=0 started_temporal=0 started_ui=0
"$ROOT/scripts/pg.sh" status >/dev/null 2>&1 || started_pg=1
"$TEMPORAL_SCRIPT" status >/dev/null 2>&1 || started_temporal=1
if [[ "$ENGINE" == server ]]; then
    "$ROOT/scripts/temporal-ui.sh" status >/dev/null 2>&1 || started_ui=1
fi

supervisor_pid=""
stopping=0
cleanup() {
    ((stopping)) && return
    stopping=1
    trap '' INT TERM HUP
    if [[ -n "$supervisor_pid" ]]; then
        log "stopping services, console and worker"
        kill -TERM "$supervisor_pid" 2>/dev/null || true
        wait "$supervisor_pid" 2>/dev/null || true
    fi
    ((started_ui)) && "$ROOT/scripts/temporal-ui.sh" stop || true
    ((started_temporal)) && "$TEMPORAL_SCRIPT" stop || true
    ((started_pg)) && "$ROOT/scripts/pg.sh" stop || true
    log "stopped"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

"$ROOT/scripts/pg.sh" start
"$TEMPORAL_SCRIPT" start
if [[ "$ENGINE" == server ]]; then "$ROOT/scripts/temporal-ui.sh" start; fi
"$VENV/uis-migrate"

for service in "${SERVICES[@]}"; do
    port_var="UIS_${service^^}_PORT"
    port_open 127.0.0.1 "${!port_var}" && die "port ${!port_var} ($service) is already in use"
done

conf="$RUN_DIR/supervisord.conf"
"$ROOT/scripts/supervisor.sh" "$conf"
"$VENV/supervisord" -c "$conf" &
supervisor_pid=$!

for service in "${SERVICES[@]}"; do
    port_var="UIS_${service^^}_PORT"
    wait_for_port 127.0.0.1 "${!port_var}" 60 || { tail -n 30 "$LOGS/$service.log"; exit 1; }
done

cat <<INFO

  The UIS stack is running (logs in .tools/logs/). Ctrl-C stops everything.

  工作台 (console)  http://127.0.0.1:$UIS_CONSOLE_PORT/
                   development sign-in: pick a role, a district and a name (not in production)
  registration  http://127.0.0.1:$UIS_REGISTRATION_PORT/docs   (health: /health, /health/ready)
  benefits      http://127.0.0.1:$UIS_BENEFITS_PORT/docs
  employment    http://127.0.0.1:$UIS_EMPLOYMENT_PORT/docs
  Temporal UI   http://127.0.0.1:$UIS_TEMPORAL_UI_PORT
  Temporal gRPC 127.0.0.1:$UIS_TEMPORAL_PORT ($ENGINE engine)   (.tools/bin/temporal workflow list --address 127.0.0.1:$UIS_TEMPORAL_PORT)
  PostgreSQL    $UIS_PG_HOST:$UIS_PG_PORT database $UIS_DATABASE   (scripts/pg.sh psql)
  Processes     .venv/bin/supervisorctl -c $conf status   (a process that dies is restarted)

  A token for local use:  .venv/bin/uis-token --role case_manager
INFO

# Until Ctrl-C, or supervisord itself ending.
wait "$supervisor_pid" || true
supervisor_pid=""
log "supervisord exited; see .tools/logs/ — shutting down"
exit 1
