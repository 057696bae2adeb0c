import { join } from 'node:path';

import type { Config, Neo4jSettings } from '../config/index.js';
import type { CachedEmbedder } from '../embedding/index.js';
import type { GraphDb } from '../graphdb/index.js';
import { createEmbeddedMemoryStore, FUSION_PROFILES, loadNeo4jMemoryStore, type MemoryStore } from '../memory/index.js';
import type { Logger } from '../observability/index.js';
import { createSqliteSpacetimeStore, loadNeo4jSpacetimeStore, type SpacetimeStore } from '../spacetime/index.js';
import { checkpointInBackground, openSqlite, type SqliteDatabase } from '../storage/index.js';

/** Where memories and spacetimes live, per HOLOLOOM_BACKEND; the policy state stays in SQLite. */
export interface Backends {
  readonly store: MemoryStore;
  readonly spacetimes: SpacetimeStore;
  /** Bandit posteriors (and, later, the reflection buffer): always a local SQLite file. */
  readonly stateDb: SqliteDatabase;
  /** The Neo4j connection when the backend is neo4j; the generated graph API runs on it. */
  readonly graphDb: GraphDb | null;
  /** Closes everything in reverse order of opening. */
  close(): Promise<void>;
}

interface BackendInputs {
  readonly config: Config;
  readonly embedder: CachedEmbedder;
  readonly logger: Logger;
}

async function openEmbedded({ config, embedder, logger }: BackendInputs, stateDb: SqliteDatabase): Promise<Omit<Backends, 'close' | 'stateDb'>> {
  const store = await createEmbeddedMemoryStore({
    dataDir: config.dataDir,
    embed: (texts) => embedder.embed(texts),
    dimensions: embedder.dimensions,
    embedderName: embedder.name,
    ...FUSION_PROFILES[embedder.kind],
    projection: config.projection,
    logger: logger.child({ module: 'memory' }),
  });
  return { store, spacetimes: createSqliteSpacetimeStore(stateDb), graphDb: null };
}

/** Logs, once, whether Neo4j answers at start; the server starts either way and /readyz tells. */
function reportReachability(graphDb: GraphDb, logger: Logger): void {
  graphDb.ping().then(
    () => logger.info({ uri: graphDb.uri }, 'neo4j answers'),
    (error: unknown) =>
      logger.error(
        { uri: graphDb.uri, err: error },
        'neo4j does not answer; /readyz stays 503 and graph requests fail with BACKEND_UNAVAILABLE until it does',
      ),
  );
}

/** The Neo4j side is imported here, on demand: the embedded default never loads neo4j-driver. */
async function openNeo4j({ embedder, logger }: BackendInputs, settings: Neo4jSettings): Promise<Omit<Backends, 'close' | 'stateDb'>> {
  const { createGraphDb } = await import('../graphdb/index.js');
  const [createNeo4jMemoryStore, createNeo4jSpacetimeStore] = await Promise.all([loadNeo4jMemoryStore(), loadNeo4jSpacetimeStore()]);
  const graphDb = createGraphDb({ ...settings, logger: logger.child({ module: 'neo4j' }) });
  reportReachability(graphDb, logger);
  const store = createNeo4jMemoryStore({
    db: graphDb,
    embed: (texts) => embedder.embed(texts),
    dimensions: embedder.dimensions,
    ...FUSION_PROFILES[embedder.kind],
    logger: logger.child({ module: 'memory' }),
  });
  return { store, spacetimes: createNeo4jSpacetimeStore({ db: graphDb }), graphDb };
}

/** Opens the configured backend; nothing is left open when this throws. */
export async function openBackends(inputs: BackendInputs): Promise<Backends> {
  const stateDb = openSqlite(join(inputs.config.dataDir, 'state.db'), { synchronous: 'NORMAL' });
  // Every weave writes a spacetime here: its WAL checkpoints run off the request thread.
  const checkpoints = checkpointInBackground(stateDb, { logger: inputs.logger.child({ module: 'storage' }) });
  try {
    const { neo4j } = inputs.config;
    const opened = neo4j === null ? await openEmbedded(inputs, stateDb) : await openNeo4j(inputs, neo4j);
    return {
      ...opened,
      stateDb,
      async close() {
        await opened.spacetimes.close();
        await opened.store.close();
        await opened.graphDb?.close();
        await checkpoints.stop();
        stateDb.close();
      },
    };
  } catch (error) {
    await checkpoints.stop();
    stateDb.close();
    throw error;
  }
}
