#!/usr/bin/env bash
# Stops the test server started by start.sh: SIGTERM (Neo4j checkpoints and shuts down cleanly),
# then SIGKILL if it is still alive after the grace period. Removes the PID and env files and the
# database files (the next start wipes them anyway); logs stay in .cache/neo4j/instance/logs for a
# post-mortem. Safe to run when nothing is running, and when the PID file is stale.
#
# Env:
#   HOLOLOOM_NEO4J_STOP_TIMEOUT  seconds to wait after SIGTERM before SIGKILL (default 30)
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

STOP_TIMEOUT=${HOLOLOOM_NEO4J_STOP_TIMEOUT:-30}

neo4j_lock

if ! pid=$(neo4j_running_pid); then
  # A stale PID file may name a recycled PID of an unrelated process: never signal it.
  rm -f "$PID_FILE" "$ENV_FILE"
  neo4j_log "not running"
  exit 0
fi

started_ms=$(date +%s%3N)
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + STOP_TIMEOUT))
while neo4j_alive "$pid" && [[ $SECONDS -lt $deadline ]]; do
  sleep 0.1
done
if neo4j_alive "$pid"; then
  neo4j_log "still running ${STOP_TIMEOUT}s after SIGTERM; sending SIGKILL"
  kill -KILL "$pid" 2>/dev/null || true
  while neo4j_alive "$pid"; do
    sleep 0.1
  done
fi

rm -f "$PID_FILE" "$ENV_FILE"
rm -rf "$INSTANCE_DIR/data"
neo4j_log "stopped (pid $pid) in $(($(date +%s%3N) - started_ms)) ms"
