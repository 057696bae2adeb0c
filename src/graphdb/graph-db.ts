import neo4j, { type Driver, type ManagedTransaction, type Record as Neo4jRecord } from 'neo4j-driver';

import type { Logger } from '../observability/index.js';
import { AppError } from '../shared/index.js';

import { toGraphDbError } from './errors.js';

export interface GraphDbOptions {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  /** @default the server's default database */
  readonly database?: string;
  /** How long opening a connection may take before the call fails. @default 3_000 */
  readonly connectionTimeoutMs?: number;
  /**
   * How long the driver retries a transaction that hit a transient error (deadlock, leader
   * switch). Kept short: a request should fail fast with BACKEND_UNAVAILABLE while Neo4j is down
   * instead of hanging for the driver's default 30 s. @default 1_000
   */
  readonly maxRetryTimeMs?: number;
  readonly logger?: Logger;
}

/** Query parameters; the driver turns JS values into Cypher ones. */
export type Params = Readonly<Record<string, unknown>>;

/** One Neo4j database, shared by the memory store, the spacetime store and the generated API. */
export interface GraphDb {
  /** The Bolt address, for messages. */
  readonly uri: string;
  /** The driver itself, for @neo4j/graphql (which runs its own Cypher). */
  readonly driver: Driver;
  /** Runs one auto-committed read (no retry) and maps each record. */
  read<T>(cypher: string, params: Params, map: (record: Neo4jRecord) => T): Promise<T[]>;
  /** Runs `work` in one read transaction (several queries, one snapshot). */
  readTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /** Runs `work` in one write transaction: all of it commits or none does. */
  writeTransaction<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs a module's idempotent schema statements (constraints, indexes) once per process. A
   * failure is not remembered, so the next call tries again: a server that was down at start
   * gets its schema as soon as it answers.
   */
  ensureSchema(name: string, statements: readonly string[]): Promise<void>;
  /** Resolves when Neo4j answers `RETURN 1`; rejects with BACKEND_UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  /** Round trips made so far (reads, transactions, pings); tests use it to catch N+1 access. */
  queryCount(): number;
  close(): Promise<void>;
}

function createDriver(options: GraphDbOptions): Driver {
  return neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
    connectionTimeout: options.connectionTimeoutMs ?? 3_000,
    connectionAcquisitionTimeout: (options.connectionTimeoutMs ?? 3_000) * 2,
    maxTransactionRetryTime: options.maxRetryTimeMs ?? 1_000,
    // Only warnings: the server's informational notifications would flood the log.
    notificationFilter: { minimumSeverityLevel: 'WARNING' },
  });
}

/**
 * An auto-commit run: half the round-trip cost of a transaction function (BEGIN/COMMIT), and a
 * single read has nothing to retry as a unit.
 */
async function autoCommitRead<T>(
  driver: Driver,
  sessionConfig: { database?: string },
  cypher: string,
  params: Params,
  map: (record: Neo4jRecord) => T,
): Promise<T[]> {
  const session = driver.session({ ...sessionConfig, defaultAccessMode: neo4j.session.READ });
  try {
    const result = await session.run(cypher, params);
    return result.records.map(map);
  } finally {
    await session.close();
  }
}

/** One shared promise per name; a rejected one is dropped so the next caller retries. */
function ensureOnce(done: Map<string, Promise<void>>, name: string, run: () => Promise<void>): Promise<void> {
  const known = done.get(name);
  if (known !== undefined) {
    return known;
  }
  const attempt = run();
  done.set(name, attempt);
  attempt.catch(() => done.delete(name));
  return attempt;
}

/** Connects lazily: nothing is contacted until the first call, so a server that is down does not stop the start. */
export function createGraphDb(options: GraphDbOptions): GraphDb {
  const driver = createDriver(options);
  const sessionConfig = options.database === undefined ? {} : { database: options.database };
  const schemas = new Map<string, Promise<void>>();
  let queries = 0;
  let closed = false;

  async function guard<T>(work: () => Promise<T>): Promise<T> {
    if (closed) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The Neo4j connection is closed.', { details: { backend: 'neo4j' } });
    }
    queries += 1;
    try {
      return await work();
    } catch (error) {
      throw toGraphDbError(error, options.uri);
    }
  }

  async function inSession<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = driver.session({ ...sessionConfig, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    try {
      return mode === 'READ' ? await session.executeRead(work) : await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  async function runSchema(name: string, statements: readonly string[]): Promise<void> {
    const started = performance.now();
    for (const statement of statements) {
      await guard(() => driver.executeQuery(statement, {}, sessionConfig));
    }
    options.logger?.info({ schema: name, statements: statements.length, ms: Math.round(performance.now() - started) }, 'neo4j schema in place');
  }

  const db: GraphDb = {
    uri: options.uri,
    driver,
    read: (cypher, params, map) => guard(() => autoCommitRead(driver, sessionConfig, cypher, params, map)),
    readTransaction: (work) => guard(() => inSession('READ', work)),
    writeTransaction: (work) => guard(() => inSession('WRITE', work)),
    ensureSchema: (name, statements) => ensureOnce(schemas, name, () => runSchema(name, statements)),
    ping: () =>
      guard(async () => {
        await driver.executeQuery('RETURN 1', {}, { ...sessionConfig, routing: neo4j.routing.READ });
      }),
    queryCount: () => queries,
    async close() {
      if (!closed) {
        closed = true;
        await driver.close();
      }
    },
  };
  return db;
}
