#!/usr/bin/env bash
# The production Temporal server's start: its schemas first (deploy/temporal/schema.sh), then the
# server on the configuration every environment shares (deploy/temporal/config/server.yaml).
set -euo pipefail
# Bound to 0.0.0.0, the services announce the container's own address to each other.
export TEMPORAL_BROADCAST_ADDRESS="${TEMPORAL_BROADCAST_ADDRESS:-$(hostname -i | awk '{print $1}')}"
bash /usr/local/bin/schema.sh
exec /usr/local/bin/temporal-server --config-file /etc/temporal/config/server.yaml --allow-no-auth start
