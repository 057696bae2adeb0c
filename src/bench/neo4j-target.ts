import { existsSync, readFileSync } from 'node:fs';

import type { GraphDb } from '../graphdb/index.js';

/** Written by `npm run neo4j:start`: the local test server's address and generated password. */
const LOCAL_SERVER_ENV = '.cache/neo4j/server.env';

/** NEO4J_* settings for a benchmark: the environment's, else the local server's, else an error that says what to do. */
export function neo4jEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const given = ['NEO4J_URI', 'NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE'].flatMap((name) => {
    const value = env[name];
    return value === undefined ? [] : [[name, value] as const];
  });
  if (given.some(([name]) => name === 'NEO4J_URI')) {
    return Object.fromEntries(given);
  }
  if (!existsSync(LOCAL_SERVER_ENV)) {
    throw new Error('--backend neo4j needs a server: set NEO4J_URI and NEO4J_PASSWORD, or run `npm run neo4j:start` first.');
  }
  return Object.fromEntries(
    readFileSync(LOCAL_SERVER_ENV, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('NEO4J_'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

/** Labels that carry a `tenant` property (docs/graph-model.md). */
const TENANT_LABELS = ['Weave', 'Memory', 'Entity', 'Tenant'] as const;

/** Deletes everything one tenant owns, in batches so a 100k-memory tenant does not need one huge transaction. */
export async function dropTenant(db: GraphDb, tenant: string): Promise<void> {
  for (const label of TENANT_LABELS) {
    const key = label === 'Tenant' ? 'id' : 'tenant';
    const session = db.driver.session();
    try {
      // CALL … IN TRANSACTIONS only runs in an auto-commit transaction, hence session.run.
      await session.run(`MATCH (n:${label} {${key}: $tenant}) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS`, { tenant });
    } finally {
      await session.close();
    }
  }
}
