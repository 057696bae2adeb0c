# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts
# Which test server start.sh, stop.sh and check.sh act on; sourced after common.sh, never run.
#
# Unset or empty HOLOLOOM_NEO4J_INSTANCE means the default instance and keeps the paths common.sh
# set (.cache/neo4j/instance, server.pid, server.env): the test global setup and
# `npm run neo4j:start` rely on them. A name selects a separate server with its own folder, PID
# file, env file and lock under .cache/neo4j/named/<name>/, so a test can run and restart a second
# Neo4j beside the shared one.
#
# This lives outside common.sh on purpose: setup.sh's cache key covers common.sh, and choosing an
# instance changes nothing that setup builds.
#
# The folder is "named", not "instances": the running-server check matches `--home-dir=<dir>` as a
# plain substring of the process arguments, and `.cache/neo4j/instance` would be a prefix of
# `.cache/neo4j/instances/...`, so a stale default PID could be taken for a named server.

NEO4J_INSTANCE=${HOLOLOOM_NEO4J_INSTANCE:-}
# The folder holding the instance's PID file, env file and lock; created by start.sh only.
INSTANCE_HOME=$NEO4J_CACHE
# "1" keeps data and settings across stop and start (see start.sh and stop.sh).
NEO4J_KEEP_DATA=${HOLOLOOM_NEO4J_KEEP_DATA:-0}

if [[ -n $NEO4J_INSTANCE ]]; then
  # The name becomes a folder: no slashes, no dots, nothing that needs quoting.
  [[ $NEO4J_INSTANCE =~ ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$ ]] \
    || neo4j_die "HOLOLOOM_NEO4J_INSTANCE must be 1-64 letters, digits, '_' or '-' (got '$NEO4J_INSTANCE')"
  INSTANCE_HOME=$NEO4J_CACHE/named/$NEO4J_INSTANCE
  INSTANCE_DIR=$INSTANCE_HOME/instance
  PID_FILE=$INSTANCE_HOME/server.pid
  ENV_FILE=$INSTANCE_HOME/server.env
  # Its own lock: starting a named server need not wait for the default one (setup.sh still takes
  # the shared lock for the shared folders).
  LOCK_FILE=$INSTANCE_HOME/lock
fi

[[ $NEO4J_KEEP_DATA == 0 || $NEO4J_KEEP_DATA == 1 ]] \
  || neo4j_die "HOLOLOOM_NEO4J_KEEP_DATA must be 0 or 1 (got '$NEO4J_KEEP_DATA')"

# One line of the env file (KEY=VALUE), empty when absent. Read, never sourced.
neo4j_saved_setting() { # <key>
  [[ -f $ENV_FILE ]] || return 0
  sed -n "s/^$1=//p" "$ENV_FILE" | tail -n 1
}
