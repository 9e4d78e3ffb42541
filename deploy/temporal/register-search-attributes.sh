#!/usr/bin/env bash
# Create the namespace and register the claimant journey's custom search attributes on a
# Temporal server; one-shot,
# idempotent. Run by the `temporal-search-attributes` job of docker-compose.yml (image
# temporalio/admin-tools, which has the `temporal` CLI); the dev server gets the same ones from
# scripts/temporal.sh, the time-skipping test server from workflows/search_attributes.py.
#
#   TEMPORAL_ADDRESS    host:port of the frontend   (default temporal:7233)
#   TEMPORAL_NAMESPACE  namespace                   (default default; = UIS_TEMPORAL_NAMESPACE)
#   WAIT_SECONDS        how long to wait for the server and the namespace (default 300)
#   TEMPORAL_NAMESPACE_RETENTION  how long closed workflows stay visible (default 720h)
#
# The names and types are those of contracts/journey.py and contracts/employer_review.py (SA_*) and workflows/search_attributes.py.
set -euo pipefail

ADDRESS="${TEMPORAL_ADDRESS:-temporal:7233}"
NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
WAIT_SECONDS="${WAIT_SECONDS:-300}"
RETENTION="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
SEARCH_ATTRIBUTES=(JourneyStage=Keyword District=Keyword ReviewOverdue=Bool EmployerReviewOverdue=Bool)

log() { printf '[search-attributes] %s\n' "$*" >&2; }

tcli() { temporal --address "$ADDRESS" --command-timeout 10s "$@"; }

# wait_until DESCRIPTION COMMAND...: retry COMMAND every 2 s until it succeeds or time runs out.
wait_until() {
    local what="$1"
    shift
    local deadline=$((SECONDS + WAIT_SECONDS))
    until "$@" >/dev/null 2>&1; do
        if ((SECONDS >= deadline)); then
            log "ERROR: $what not reached after ${WAIT_SECONDS}s"
            "$@" || true
            exit 1
        fi
        sleep 2
    done
}

serving() {
    local out
    out="$(tcli operator cluster health 2>&1)" || return 1
    [[ "$out" == *SERVING* && "$out" != *NOT_SERVING* ]]
}

listed() { tcli operator search-attribute list --namespace "$NAMESPACE" -o json; }

# type_of NAME JSON: the registered type of NAME in `list -o json` output (KEYWORD, BOOL...),
# empty when NAME is not registered.
type_of() {
    { grep -o "\"$1\": *\"INDEXED_VALUE_TYPE_[A-Z_]*\"" <<<"$2" || true; } |
        sed 's/.*INDEXED_VALUE_TYPE_//; s/"$//' | head -n 1
}

log "waiting for the Temporal server at $ADDRESS"
wait_until "server SERVING at $ADDRESS" serving
# The namespace: created here when missing (the server image creates none), with the retention
# of closed journeys; running ones (24 months and more) are not affected by it.
if ! tcli operator namespace describe --namespace "$NAMESPACE" >/dev/null 2>&1; then
    log "creating namespace $NAMESPACE (retention $RETENTION)"
    tcli operator namespace create --namespace "$NAMESPACE" --retention "$RETENTION" >/dev/null 2>&1 || true
fi
log "waiting for namespace $NAMESPACE"
wait_until "namespace $NAMESPACE" tcli operator namespace describe --namespace "$NAMESPACE"
# A namespace just created reaches the server's namespace cache a few seconds later.
wait_until "namespace $NAMESPACE in the server's cache" listed

for sa in "${SEARCH_ATTRIBUTES[@]}"; do
    name="${sa%%=*}"
    type="${sa#*=}"
    want="${type^^}"
    have="$(type_of "$name" "$(listed)")"
    if [[ "$have" == "$want" ]]; then
        log "$name ($type) already registered"
        continue
    fi
    if [[ -n "$have" ]]; then
        # A search attribute's type cannot be changed; the journey would fail on every upsert.
        log "ERROR: $name is registered as $have, the journey needs $type"
        exit 1
    fi
    log "registering $name ($type) in namespace $NAMESPACE"
    if ! out="$(tcli operator search-attribute create --namespace "$NAMESPACE" \
        --name "$name" --type "$type" 2>&1)"; then
        # A concurrent run got there first (older servers answer "already exists"): fine if the
        # type is right, which the check below makes sure of.
        if ! grep -qi "already exists" <<<"$out" || grep -qi "different type" <<<"$out"; then
            log "ERROR: $out"
            exit 1
        fi
    fi
done

# The server answers before its search-attribute cache has caught up: wait until all are listed.
all_listed() {
    local json sa sa_type
    json="$(listed)" || return 1
    for sa in "${SEARCH_ATTRIBUTES[@]}"; do
        sa_type="${sa#*=}"
        [[ "$(type_of "${sa%%=*}" "$json")" == "${sa_type^^}" ]] || return 1
    done
}
wait_until "all search attributes listed" all_listed
log "search attributes ready in namespace $NAMESPACE: ${SEARCH_ATTRIBUTES[*]}"
