# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts
# Shared settings for the Neo4j test-server scripts; sourced, never run.
#
# Neo4j is a test dependency only: Java is used here as a tool to run the stock Neo4j server, never
# as part of the product. Everything downloaded or generated lives under <repo>/.cache/neo4j/
# (git-ignored), so deleting that folder resets the setup completely.

# Neo4j 5.26 is the LTS line that still runs on Java 17 (2025.x needs Java 21). Neo4j is pinned to
# the same patch as APOC: APOC calls kernel internals, and 5.26.19 is the newest APOC on Maven
# Central, while Neo4j itself has newer 5.26 patches there.
NEO4J_VERSION=${HOLOLOOM_NEO4J_VERSION:-5.26.19}
APOC_VERSION=${HOLOLOOM_APOC_VERSION:-5.26.19}
# The Bolt driver used only by check/BoltCheck.java; this is the driver version that
# org.neo4j:neo4j:5.26.19 itself depends on, so it costs no extra download.
JAVA_DRIVER_VERSION=${HOLOLOOM_NEO4J_JAVA_DRIVER_VERSION:-5.28.10}
# Pinned so a new plugin release cannot change how the jar set is resolved.
MVN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

NEO4J_SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$NEO4J_SCRIPT_DIR/../.." && pwd)
NEO4J_CACHE=$REPO_ROOT/.cache/neo4j

M2_REPO=$NEO4J_CACHE/m2                   # Maven local repository: all downloaded jars
BUILD_DIR=$NEO4J_CACHE/build              # generated poms, classpath files, compiled helper
PLUGINS_DIR=$NEO4J_CACHE/plugins          # APOC jars, as the server's plugins directory
SERVER_CP_FILE=$BUILD_DIR/server.classpath
CLIENT_CP_FILE=$BUILD_DIR/client.classpath
CLASSES_DIR=$BUILD_DIR/classes
SETUP_STAMP=$BUILD_DIR/setup.stamp

INSTANCE_DIR=$NEO4J_CACHE/instance        # conf, data, logs of the running server; wiped on start
PID_FILE=$NEO4J_CACHE/server.pid
ENV_FILE=$NEO4J_CACHE/server.env
LOCK_FILE=$NEO4J_CACHE/lock

JAVA=${JAVA:-java}
JAVAC=${JAVAC:-javac}

neo4j_log() { printf 'neo4j: %s\n' "$*" >&2; }
neo4j_die() { printf 'neo4j: ERROR: %s\n' "$*" >&2; exit 1; }

# Serializes setup/start/stop of this checkout (parallel test runners would otherwise race on the
# shared folders). The lock is held on fd 9 until the calling script exits.
neo4j_lock() {
  mkdir -p "$NEO4J_CACHE"
  if command -v flock >/dev/null; then
    exec 9>"$LOCK_FILE"
    flock 9
  fi
}

# True while the process exists and is not a zombie. The server is detached by start.sh, so its
# parent is init, and a finished server can stay a zombie until init reaps it (~2 s in some
# containers); a zombie holds no port or file any more, so it counts as gone.
neo4j_alive() {
  local state
  state=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
  [[ $state != Z* ]]
}

# True when the PID file names a live process that is our server (not a recycled PID).
neo4j_running_pid() {
  local pid
  [[ -f $PID_FILE ]] || return 1
  pid=$(cat "$PID_FILE" 2>/dev/null) || return 1
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  neo4j_alive "$pid" || return 1
  ps -ww -o args= -p "$pid" 2>/dev/null | grep -qF -- "--home-dir=$INSTANCE_DIR" || return 1
  printf '%s\n' "$pid"
}
