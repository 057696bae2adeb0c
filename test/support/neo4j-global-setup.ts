import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

import type { TestProject } from 'vitest/node';

/** How integration tests reach Neo4j; null when no server could be had outside CI. */
export interface Neo4jConnection {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnection | null;
  }
}

function fromEnv(): Neo4jConnection | null {
  const uri = process.env['NEO4J_URI'];
  return uri === undefined ? null : { uri, user: process.env['NEO4J_USER'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' };
}

function javaAvailable(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Written by scripts/neo4j/start.sh while its server runs. */
const SERVER_ENV = '.cache/neo4j/server.env';

/** Starts the project's own Neo4j (scripts/neo4j), or finds it running, and reads the connection it wrote. */
function startLocalServer(): Neo4jConnection {
  execFileSync('bash', ['scripts/neo4j/start.sh'], { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  const env = Object.fromEntries(
    readFileSync('.cache/neo4j/server.env', 'utf8')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  return { uri: env['NEO4J_URI'] ?? '', user: env['NEO4J_USER'] ?? 'neo4j', password: env['NEO4J_PASSWORD'] ?? '' };
}

/**
 * The integration project's global setup: NEO4J_URI when set, else a server started here from
 * Maven Central jars (needs Java 17). In CI a missing server is an error, never a skip.
 */
// vitest loads global setups through their default export.
// eslint-disable-next-line import/no-default-export
export default function setup(project: TestProject): () => void {
  const given = fromEnv();
  if (given !== null) {
    project.provide('neo4j', given);
    return () => undefined;
  }
  if (!javaAvailable()) {
    if (process.env['CI'] === 'true') {
      throw new Error('CI needs Neo4j: install Java 17 or set NEO4J_URI.');
    }
    process.stderr.write('neo4j: no Java and no NEO4J_URI; the Neo4j suites will be skipped (install Java 17 to run them).\n');
    project.provide('neo4j', null);
    return () => undefined;
  }
  // A server a developer started with `npm run neo4j:start` keeps running after the tests.
  const alreadyRunning = existsSync(SERVER_ENV);
  project.provide('neo4j', startLocalServer());
  return () => {
    if (!alreadyRunning) {
      execFileSync('bash', ['scripts/neo4j/stop.sh'], { stdio: 'ignore' });
    }
  };
}
