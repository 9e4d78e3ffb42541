# shellcheck shell=bash
# What the two Temporal engines' scripts share (scripts/temporal.sh: the dev server;
# scripts/temporal-server.sh: the Temporal server on PostgreSQL): health, namespaces, the
# project's search attributes (stopping one: lib.sh stop_pid). Source it after setting TEMPORAL (the
# CLI), ADDRESS (host:port) and a server_pid function.

SEARCH_ATTRIBUTES=(JourneyStage=Keyword District=Keyword ReviewOverdue=Bool EmployerReviewOverdue=Bool)

healthy() {
    local out
    out="$("$TEMPORAL" operator cluster health --address "$ADDRESS" --command-timeout 3s 2>&1 || true)"
    [[ "$out" == *SERVING* && "$out" != *NOT_SERVING* ]]
}

wait_healthy() {
    local timeout="$1"
    local deadline=$((SECONDS + timeout))
    until healthy; do
        if ((SECONDS >= deadline)); then return 1; fi
        if ! server_pid >/dev/null; then return 1; fi
        sleep 0.5
    done
}

# Namespaces: `default` for `make run`, `uis-test` for the test suite (so tests never fill the
# namespace people look at in the UI).
NAMESPACES=(default uis-test)

ensure_namespaces() {
    local ns
    for ns in "${NAMESPACES[@]}"; do
        if ! "$TEMPORAL" operator namespace describe --address "$ADDRESS" --namespace "$ns" >/dev/null 2>&1; then
            log "creating namespace $ns"
            "$TEMPORAL" operator namespace create --address "$ADDRESS" --namespace "$ns" \
                --retention 72h >/dev/null
        fi
    done
}

# Register any search attribute that is missing, in every namespace (start-dev registers them
# from --search-attribute already; this keeps an older dev.db and the other namespaces in line).
ensure_search_attributes() {
    local listed sa name type ns
    ensure_namespaces
    for ns in "${NAMESPACES[@]}"; do
        # A namespace just created takes a few seconds to reach the server's namespace cache.
        local deadline=$((SECONDS + 30))
        until listed="$("$TEMPORAL" operator search-attribute list --address "$ADDRESS" \
            --namespace "$ns" -o json 2>/dev/null)"; do
            ((SECONDS < deadline)) || die "namespace $ns not ready after 30s"
            sleep 0.5
        done
        for sa in "${SEARCH_ATTRIBUTES[@]}"; do
            name="${sa%%=*}"
            type="${sa#*=}"
            if [[ "$listed" != *"\"$name\""* ]]; then
                log "registering search attribute $name ($type) in $ns"
                "$TEMPORAL" operator search-attribute create --address "$ADDRESS" --namespace "$ns" \
                    --name "$name" --type "$type" >/dev/null
            fi
        done
    done
}
