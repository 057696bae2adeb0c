#!/usr/bin/env bash
# Smoke-checks the running test server for what HoloLoom relies on: APOC core procedures, a
# 384-dimension cosine vector index (Neo4j 5.26 syntax) and a full-text index. It uses its own
# label and removes everything it created, so it can run against a server that tests then use.
# Exit 0 when every check passed. Start the server first with scripts/neo4j/start.sh; checks the
# instance HOLOLOOM_NEO4J_INSTANCE names (default: the default one).
set -euo pipefail
# shellcheck source-path=SCRIPTDIR source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
# shellcheck source-path=SCRIPTDIR source=instance.sh
source "$NEO4J_SCRIPT_DIR/instance.sh"

if ! neo4j_running_pid >/dev/null || [[ ! -s $ENV_FILE ]]; then
  neo4j_die "not running; start it with scripts/neo4j/start.sh"
fi
set -a
# shellcheck source=/dev/null
source "$ENV_FILE"
set +a
exec "$JAVA" -cp "$CLASSES_DIR:$(cat "$CLIENT_CP_FILE")" BoltCheck smoke
