#!/usr/bin/env bash
# The supervisord configuration of `make run` (scripts/run.sh), written to the file given:
#
#   scripts/supervisor.sh CONFIG_FILE
#
# The three services, the staff console (services/console, issue 11) and the worker, with their
# ports from scripts/defaults.env (or the environment). Each service runs UIS_WORKERS uvicorn
# worker processes (default: the box's cores, `nproc`; issue 13 item 4); the console runs ONE
# (its sessions live in its process: services/console/sessions.py). A process that dies is started again and
# logged; one that dies within 3 s of starting is retried with a growing back-off, 10 times. Logs
# and the control socket go to the folders in UIS_LOG_DIR / UIS_RUN_DIR (default .tools/logs,
# .tools/run).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

conf="${1:?usage: scripts/supervisor.sh CONFIG_FILE}"
LOGS="${UIS_LOG_DIR:-$TOOLS/logs}"
RUN_DIR="${UIS_RUN_DIR:-$TOOLS/run}"
VENV="$ROOT/.venv/bin"
mkdir -p "$LOGS" "$RUN_DIR"

# program NAME COMMAND...: one supervised process, its output in $LOGS/NAME.log
program() {
    local name="$1"; shift
    cat <<INI
[program:$name]
command=$*
directory=$ROOT
autorestart=true
startsecs=3
startretries=10
stopsignal=TERM
stopwaitsecs=15
stopasgroup=true
killasgroup=true
stdout_logfile=$LOGS/$name.log
stdout_logfile_maxbytes=10MB
redirect_stderr=true

INI
}

{
    cat <<INI
[supervisord]
nodaemon=true
logfile=$LOGS/supervisord.log
pidfile=$RUN_DIR/supervisord.pid
childlogdir=$LOGS

[unix_http_server]
file=$RUN_DIR/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$RUN_DIR/supervisor.sock

INI
    workers="${UIS_WORKERS:-$(nproc)}"
    [[ "$workers" =~ ^[1-9][0-9]*$ ]] || { echo "UIS_WORKERS must be a positive number: $workers" >&2; exit 1; }
    for service in registration benefits employment; do
        port_var="UIS_${service^^}_PORT"
        program "$service" "$VENV/uvicorn --factory services.$service.main:create_app" \
            "--host 127.0.0.1 --port ${!port_var} --workers $workers" \
            "--timeout-graceful-shutdown 5 --timeout-keep-alive 30"
    done
    # The console calls the three services with the signed-in person's token (CONSOLE_* settings;
    # their URLs default to the ports above, shared/local.py).
    program console "$VENV/uvicorn --factory services.console.main:create_app" \
        "--host 127.0.0.1 --port $UIS_CONSOLE_PORT --timeout-graceful-shutdown 5 --timeout-keep-alive 30"
    program worker "$VENV/python -m workflows.worker"
} >"$conf"
