#!/usr/bin/env bash
# Stops the test server started by start.sh: SIGTERM (Neo4j checkpoints and shuts down cleanly),
# then SIGKILL if it is still alive after the grace period. Removes the PID file and, unless
# HOLOLOOM_NEO4J_KEEP_DATA=1, the env file and the database files (a start without it wipes them
# anyway); logs stay in the instance's logs folder for a post-mortem. Safe to run when nothing is
# running, and when the PID file is stale.
#
# Env:
#   HOLOLOOM_NEO4J_STOP_TIMEOUT  seconds to wait after SIGTERM before SIGKILL (default 30)
#   HOLOLOOM_NEO4J_INSTANCE      the named server to stop (see start.sh); unset = the default one
#   HOLOLOOM_NEO4J_KEEP_DATA     1 = keep the database files and the env file, so that
#                                `HOLOLOOM_NEO4J_KEEP_DATA=1 start.sh` restarts on the same port,
#                                password and data
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source-path=SCRIPTDIR source=instance.sh
source "$NEO4J_SCRIPT_DIR/instance.sh"

STOP_TIMEOUT=${HOLOLOOM_NEO4J_STOP_TIMEOUT:-30}

# What a stopped server leaves behind: nothing but logs, or what a restart needs.
forget_server() {
  rm -f "$PID_FILE"
  if [[ $NEO4J_KEEP_DATA == 0 ]]; then
    rm -f "$ENV_FILE"
    rm -rf "$INSTANCE_DIR/data"
  fi
}

# An instance never started has nothing to stop; taking its lock would create its folder.
if [[ ! -d $INSTANCE_HOME ]]; then
  neo4j_log "not running"
  exit 0
fi
neo4j_lock

if ! pid=$(neo4j_running_pid); then
  # A stale PID file may name a recycled PID of an unrelated process: never signal it.
  forget_server
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

forget_server
neo4j_log "stopped (pid $pid) in $(($(date +%s%3N) - started_ms)) ms"
