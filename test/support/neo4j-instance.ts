import { execFile, execFileSync } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import type { Neo4jConnection } from './neo4j-global-setup.js';

/**
 * Named Neo4j servers for tests that must stop and restart one (outages, recovery), started
 * beside the shared server by scripts/neo4j with HOLOLOOM_NEO4J_INSTANCE. Each name is its own
 * server with its own port, password and data under .cache/neo4j/named/<name>/.
 */

const run = promisify(execFile);

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCRIPTS = join(REPO_ROOT, 'scripts', 'neo4j');
/** Where scripts/neo4j/instance.sh keeps a named instance. */
const NAMED_ROOT = join(REPO_ROOT, '.cache', 'neo4j', 'named');

/** The names instance.sh accepts; checked here too, since the name also becomes a folder to delete. */
const INSTANCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** A first start may download Neo4j (setup.sh); later starts take seconds. */
const START_TIMEOUT_MS = 600_000;
const STOP_TIMEOUT_MS = 60_000;

export interface StartNeo4jInstanceOptions {
  /**
   * Restart on the port, password and data the instance had when it was stopped, where present.
   * Without it the instance starts empty on a new port with a new password.
   */
  readonly keepData?: boolean;
}

function checkedName(name: string): string {
  if (!INSTANCE_NAME.test(name)) {
    throw new Error(`Neo4j instance name must be 1-64 letters, digits, '_' or '-'; got "${name}".`);
  }
  return name;
}

async function runScript(script: string, name: string, keepData: boolean, timeout: number): Promise<string> {
  const env = { ...process.env, HOLOLOOM_NEO4J_INSTANCE: checkedName(name), HOLOLOOM_NEO4J_KEEP_DATA: keepData ? '1' : '0' };
  try {
    const { stdout } = await run('bash', [join(SCRIPTS, script)], { cwd: REPO_ROOT, env, timeout });
    return stdout;
  } catch (error) {
    // The scripts explain themselves on stderr; keep that in the test failure.
    const stderr = (error as { stderr?: unknown }).stderr;
    throw new Error(`scripts/neo4j/${script} failed for instance "${name}":\n${typeof stderr === 'string' ? stderr : String(error)}`, {
      cause: error,
    });
  }
}

/** start.sh prints only the KEY=VALUE settings on stdout. */
function parseSettings(stdout: string, name: string): Neo4jConnection {
  const settings = new Map(
    stdout
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const uri = settings.get('NEO4J_URI');
  const password = settings.get('NEO4J_PASSWORD');
  if (uri === undefined || password === undefined) {
    throw new Error(`scripts/neo4j/start.sh printed no settings for instance "${name}".`);
  }
  return { uri, user: settings.get('NEO4J_USER') ?? 'neo4j', password };
}

/** True where the scripts can run a server here (they need Java 17+). */
export function canStartNeo4jInstances(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts (or, when it already runs, just reads) the named instance and returns how to reach it. */
export async function startNeo4jInstance(name: string, options: StartNeo4jInstanceOptions = {}): Promise<Neo4jConnection> {
  const stdout = await runScript('start.sh', name, options.keepData ?? false, START_TIMEOUT_MS);
  return parseSettings(stdout, name);
}

/**
 * Stops the named instance cleanly (SIGTERM, then SIGKILL after the grace period) and keeps its
 * data, port and password, so that `startNeo4jInstance(name, { keepData: true })` brings the same
 * server back. Resolves once the process is gone and the port is free.
 */
export async function stopNeo4jInstance(name: string): Promise<void> {
  await runScript('stop.sh', name, true, STOP_TIMEOUT_MS);
}

/** Stops the named instance if it runs and deletes everything it had, logs included. */
export async function removeNeo4jInstance(name: string): Promise<void> {
  await runScript('stop.sh', name, false, STOP_TIMEOUT_MS);
  await rm(join(NAMED_ROOT, checkedName(name)), { recursive: true, force: true });
}
