#!/usr/bin/env bash
# `make test`: install what is missing, start PostgreSQL and the Temporal dev server if they are
# not running, run the whole suite against them, stop what this script started.
# Extra arguments go to pytest.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

t0=$SECONDS
"$ROOT/scripts/setup.sh"
log "setup took $((SECONDS - t0))s"

started_pg=0 started_temporal=0
"$ROOT/scripts/pg.sh" status >/dev/null 2>&1 || started_pg=1
"$ROOT/scripts/temporal.sh" status >/dev/null 2>&1 || started_temporal=1
cleanup() {
    ((started_temporal)) && "$ROOT/scripts/temporal.sh" stop || true
    ((started_pg)) && "$ROOT/scripts/pg.sh" stop || true
}
trap cleanup EXIT
"$ROOT/scripts/pg.sh" start
"$ROOT/scripts/temporal.sh" start
export UIS_TEMPORAL_ADDRESS="127.0.0.1:$TEMPORAL_PORT"

t1=$SECONDS
set +e
"$ROOT/.venv/bin/python" -m pytest -ra "$@"
rc=$?
set -e
log "tests took $((SECONDS - t1))s (pytest exit code $rc)"
if ((rc == 5)); then
    log "ERROR: pytest collected no tests"
    exit 1
fi
exit "$rc"
