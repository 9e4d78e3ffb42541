#!/usr/bin/env bash
# Sets up (once) and upgrades (every start) the schemas of Temporal's two PostgreSQL databases,
# `temporal` and `temporal_visibility`, with Temporal's own schema tool — what temporalio/auto-setup
# does, and the one copy of it: scripts/temporal-server.sh runs it on this machine, the temporal
# image's entrypoint (deploy/temporal/entrypoint.sh) in production. The databases and the role
# exist already (deploy/postgres/temporal-init.sql).
#
#   TEMPORAL_SQL_TOOL  the schema tool (temporal-sql-tool, built as cmd/tools/sql)
#   TEMPORAL_SCHEMA    its versioned schema files: <dir>/temporal/versioned, <dir>/visibility/versioned
#   TEMPORAL_DB_HOST / TEMPORAL_DB_PORT / TEMPORAL_DB_USER / TEMPORAL_DB_PASSWORD
set -euo pipefail

sql_tool() {
    SQL_PASSWORD="${TEMPORAL_DB_PASSWORD:-temporal}" "$TEMPORAL_SQL_TOOL" --plugin postgres12_pgx \
        --endpoint "${TEMPORAL_DB_HOST:-127.0.0.1}" --port "${TEMPORAL_DB_PORT:-5432}" \
        --user "${TEMPORAL_DB_USER:-temporal}" "$@"
}

for pair in temporal:temporal visibility:temporal_visibility; do
    dir="$TEMPORAL_SCHEMA/${pair%%:*}/versioned"
    db="${pair#*:}"
    # setup-schema -v 0.0 only creates the version tables (an error when they exist: then the
    # database was set up before); update-schema brings it to the files' latest version.
    sql_tool --database "$db" setup-schema -v 0.0 2>/dev/null || true
    sql_tool --database "$db" update-schema -d "$dir"
done
