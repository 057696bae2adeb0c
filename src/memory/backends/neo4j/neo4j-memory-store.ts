import type { GraphDb } from '../../../graphdb/index.js';
import type { Logger } from '../../../observability/index.js';
import { AppError, systemClock, type Clock } from '../../../shared/index.js';
import { RRF_K } from '../../fusion.js';
import type { EmbedFn, MemoryRecord, MemoryStore, NewMemory, RecallHit, RecallQuery, SourceWeights } from '../../types.js';
import { prepareMemories, validateTexts } from '../../prepare-memories.js';
import { checkQueryVector } from '../../recall-shape.js';

import { forgetMemory } from './forget-memory.js';
import { findNeighborhood } from './neighborhood.js';
import { countMemories, getMany } from './read-memories.js';
import { runRecall } from './recall.js';
import { createSchemaGate } from './schema.js';
import { DEFAULT_VECTOR_TUNING, type VectorSearchTuning } from './vector-search.js';
import { writeMemories } from './write-memories.js';

export interface Neo4jMemoryStoreOptions {
  /** The shared connection. The store never closes it: whoever created it does. */
  readonly db: GraphDb;
  /** Embeds memory texts (one call per `remember`) and queries that bring no vector. */
  readonly embed: EmbedFn;
  /** Length of the vectors `embed` returns; the vector index is created with it and checked against it. */
  readonly dimensions: number;
  /** Fusion weight of each retriever. @default 1 each */
  readonly sourceWeights?: SourceWeights;
  /** RRF's k constant. @default RRF_K */
  readonly rrfK?: number;
  /** When vector search scans a tenant exactly rather than asking HNSW. @default DEFAULT_VECTOR_TUNING */
  readonly vectorTuning?: Partial<VectorSearchTuning>;
  /** @default systemClock */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** Rejects every call after close; before the first real work of each call, makes sure the schema is there. */
function createGate(ensureSchema: () => Promise<void>) {
  let closed = false;
  const assertOpen = (): void => {
    if (closed) {
      throw new AppError('BACKEND_UNAVAILABLE', 'The Neo4j memory store is closed.', { details: { backend: 'neo4j' } });
    }
  };
  return {
    assertOpen,
    /** Runs `work` once the store is open and the schema is in place. */
    async run<T>(work: () => Promise<T>): Promise<T> {
      assertOpen();
      await ensureSchema();
      assertOpen();
      return work();
    },
    close(): void {
      closed = true;
    },
  };
}

type Gate = ReturnType<typeof createGate>;

interface StoreContext {
  readonly options: Neo4jMemoryStoreOptions;
  readonly gate: Gate;
  readonly vectorTuning: VectorSearchTuning;
}

async function remember({ options, gate }: StoreContext, tenant: string, memories: readonly NewMemory[]): Promise<MemoryRecord[]> {
  gate.assertOpen();
  validateTexts(memories);
  if (memories.length === 0) {
    return [];
  }
  return gate.run(async () => {
    const vectors = await options.embed(memories.map((memory) => memory.text));
    const createdAtMs = (options.clock ?? systemClock).now();
    const prepared = prepareMemories(tenant, memories, vectors, { dimensions: options.dimensions, createdAtMs });
    // The store may have closed while the embedder ran.
    gate.assertOpen();
    return writeMemories(options.db, tenant, prepared);
  });
}

async function recall({ options, gate, vectorTuning }: StoreContext, query: RecallQuery): Promise<RecallHit[]> {
  return gate.run(async () => {
    const [vector] = query.vector === undefined ? await options.embed([query.text]) : [query.vector];
    gate.assertOpen();
    const deps = {
      db: options.db,
      sourceWeights: options.sourceWeights ?? {},
      rrfK: options.rrfK ?? RRF_K,
      vectorTuning,
      logger: options.logger,
    };
    return runRecall(deps, query, checkQueryVector(vector, options.dimensions));
  });
}

/**
 * The Neo4j backend (docs/graph-model.md): memories, entities and the time chain as graph nodes,
 * Neo4j's HNSW index for vectors and a Lucene index for keywords. Contacts nothing until the first
 * call, so a server that is down at start only fails the calls made while it is down.
 */
export function createNeo4jMemoryStore(options: Neo4jMemoryStoreOptions): MemoryStore {
  const { db, dimensions } = options;
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new Error(`dimensions must be a positive integer (the embedder's vector length), got ${dimensions}.`);
  }
  const gate = createGate(createSchemaGate(db, dimensions));
  const context: StoreContext = { options, gate, vectorTuning: { ...DEFAULT_VECTOR_TUNING, ...options.vectorTuning } };
  return {
    backend: 'neo4j',
    remember: (tenant, memories) => remember(context, tenant, memories),
    getMany: (tenant, ids) => gate.run(() => getMany(db, tenant, ids)),
    forget: (tenant, id) => gate.run(() => forgetMemory(db, tenant, id)),
    recall: (query) => recall(context, query),
    neighborhood: (tenant, entity, depth) => gate.run(() => findNeighborhood(db, tenant, entity, depth)),
    count: (tenant) => gate.run(() => countMemories(db, tenant)),
    ping: async () => {
      gate.assertOpen();
      await db.ping();
    },
    close: () => {
      gate.close();
      return Promise.resolve();
    },
  };
}
