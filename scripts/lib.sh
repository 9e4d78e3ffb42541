# shellcheck shell=bash
# Common helpers for the infrastructure scripts. Source it, don't run it:
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Everything the project builds or downloads lives under $TOOLS (git-ignored).
# The repository root is computed from this file's location, so the scripts
# work from any clone (CI runs from a fresh clone in another folder).

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
export ROOT TOOLS BIN

# Ports, hosts and database names: scripts/defaults.env, the one set of variables the Python
# side reads too (shared/local.py). A value already in the environment wins.
while IFS='=' read -r _key _value; do
    [[ -z "$_key" || "$_key" == \#* ]] && continue
    if [[ -z "${!_key:-}" ]]; then printf -v "$_key" '%s' "$_value"; fi
    export "${_key?}"
done <"$ROOT/scripts/defaults.env"
unset _key _value

log() {
    printf '[%s] %s\n' "$(basename "${0}")" "$*" >&2
}

die() {
    log "ERROR: $*"
    exit 1
}

# port_open HOST PORT -> 0 when something accepts TCP connections there.
port_open() {
    local host="$1" port="$2"
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null
}

# wait_for_port HOST PORT TIMEOUT_SECONDS
wait_for_port() {
    local host="$1" port="$2" timeout="${3:-30}"
    local deadline=$((SECONDS + timeout))
    until port_open "$host" "$port"; do
        if ((SECONDS >= deadline)); then
            log "ERROR: nothing is listening on $host:$port after ${timeout}s"
            return 1
        fi
        sleep 0.2
    done
}

# free_port -> prints a TCP port that is free on 127.0.0.1 right now.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 20000))
        if ! port_open 127.0.0.1 "$port"; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

# Directory of the PostgreSQL server binaries (highest installed major version).
pg_bindir() {
    local d best=""
    for d in /usr/lib/postgresql/*/bin; do
        [[ -x "$d/initdb" ]] || continue
        if [[ -z "$best" || "$(basename "$(dirname "$d")")" -gt "$(basename "$(dirname "$best")")" ]]; then
            best="$d"
        fi
    done
    [[ -n "$best" ]] || return 1
    echo "$best"
}

# subcommand "start stop status" "$@": runs cmd_<the first argument> with the rest when it is one
# of the script's subcommands, else prints the usage (each script's one dispatch).
subcommand() {
    local allowed="$1"
    shift
    local name="${1:-}"
    if [[ -n "$name" && " $allowed " == *" $name "* ]]; then
        shift
        "cmd_$name" "$@"
    else
        echo "usage: $0 ${allowed// /|}" >&2
        exit 2
    fi
}

# pid_of PIDFILE FRAGMENT: the pid in PIDFILE when that process is alive and its command line
# contains FRAGMENT (a pid reused by another program is not ours).
pid_of() {
    local pidfile="$1" fragment="$2" pid
    [[ -f "$pidfile" ]] || return 1
    pid="$(cat "$pidfile")"
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)" == *"$fragment"* ]] || return 1
    echo "$pid"
}

# stop_pid PID: TERM, then KILL after 20 s. The Temporal scripts start their servers with setsid,
# so each is a process-group leader: the whole group is signalled.
stop_pid() {
    local pid="$1"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    local deadline=$((SECONDS + 20))
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS >= deadline)); then
            log "pid $pid did not exit after 20s, killing it"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            break
        fi
        sleep 0.2
    done
}
