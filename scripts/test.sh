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

# R-TIME-1: the in-process API tests run again with the wall clock pinned where China's date is
# not UTC's: 01:30 on 2 December, China's new year, China's 29 February, and 23:59 China time on
# the last day of a month. A test that mixed the two dates fails at every hour, not 16–24 UTC only.
PINNED_INSTANTS=(
    2026-12-01T17:30:00+00:00
    2026-12-31T16:30:00+00:00
    2028-02-28T16:30:00+00:00
    2027-01-31T15:59:00+00:00
)
DATE_SENSITIVE_TESTS=(tests/services tests/shared)

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
# The production engine: the end-to-end journeys once more on the Temporal server on PostgreSQL
# (scripts/temporal-server.sh, 16 history shards), bounded in time. Whole suite only.
if (($# == 0)); then
    t2=$SECONDS
    started_server=0
    "$ROOT/scripts/temporal-server.sh" status >/dev/null 2>&1 || started_server=1
    "$ROOT/scripts/temporal-server.sh" start
    set +e
    UIS_TEMPORAL_ADDRESS="127.0.0.1:$UIS_TEMPORAL_SERVER_PORT" timeout 900 \
        "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider tests/e2e
    server_rc=$?
    set -e
    ((started_server)) && "$ROOT/scripts/temporal-server.sh" stop || true
    log "e2e on the Temporal server engine: $((SECONDS - t2))s (pytest exit code $server_rc)"
    ((server_rc == 0)) || rc=$server_rc
fi
# The pinned runs belong to the whole suite (make test, CI), not to a run of chosen tests.
if (($# == 0)); then
    for instant in "${PINNED_INSTANTS[@]}"; do
        t2=$SECONDS
        set +e
        UIS_TEST_PINNED_AT="$instant" "$ROOT/.venv/bin/python" -m pytest -q -p no:cacheprovider \
            "${DATE_SENSITIVE_TESTS[@]}"
        pinned_rc=$?
        set -e
        log "clock pinned at $instant: $((SECONDS - t2))s (pytest exit code $pinned_rc)"
        ((pinned_rc == 0)) || rc=$pinned_rc
    done
fi
exit "$rc"
