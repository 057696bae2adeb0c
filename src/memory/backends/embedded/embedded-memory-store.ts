import { join } from 'node:path';

import type { Logger } from '../../../observability/index.js';
import { systemClock, type Clock } from '../../../shared/index.js';
import { migrate, openSqlite, type SqliteDatabase } from '../../../storage/index.js';
import { RRF_K } from '../../fusion.js';
import type { EmbedFn, SourceWeights } from '../../types.js';

import { reconcileEmbedder } from './embedder-identity.js';
import { createEntityGraph } from './entity-graph.js';
import { createKeywordSearch } from './keyword-search.js';
import { loadLiveIndexes } from './live-indexes.js';
import { createMemoryTable } from './memory-table.js';
import { createMemoryWriter } from './memory-writer.js';
import { createProjectionFitter, DEFAULT_PCA_MIN_MEMORIES, type ProjectionFitter } from './projection-fit.js';
import { createProjectionTable } from './projection-table.js';
import { pcaProjector, TRUNCATION, type ProjectorSlot } from './projector.js';
import { MEMORY_MIGRATIONS } from './schema.js';
import { createStoreFacade, type EmbeddedMemoryStore } from './store-facade.js';
import { createTimeChain } from './time-chain.js';

export interface EmbeddedMemoryStoreOptions {
  /** Folder for `memories.db` (created if missing). */
  readonly dataDir: string;
  /** Embeds memory texts (one batched call per `remember`) and queries that bring no vector. */
  readonly embed: EmbedFn;
  /** Length of the vectors `embed` returns, e.g. 384. */
  readonly dimensions: number;
  /** Exact vector search up to this many memories (all tenants together); HNSW beyond. @default 50_000 */
  readonly exactSearchLimit?: number;
  /**
   * Fusion weight of each retriever. A semantic embedder should outweigh BM25 and the graph
   * hop, whose incidental matches otherwise outvote the right paraphrase. @default 1 each
   */
  readonly sourceWeights?: SourceWeights;
  /** RRF's k constant. @default RRF_K (60, the original's) */
  readonly rrfK?: number;
  /**
   * How the 96- and 192-dim scales are made from full vectors: a PCA basis fitted on the stored
   * corpus once it holds `pcaMinMemories` (each memory's projection is stored beside it), or
   * plain truncation. @default 'truncate' (the server's config defaults to 'pca')
   */
  readonly projection?: 'pca' | 'truncate';
  /** @default 256 */
  readonly pcaMinMemories?: number;
  /**
   * Name of the embedder behind `embed`. Recorded in the file; when a later open names another
   * one, every memory is re-embedded from its text. Omit to skip the check.
   */
  readonly embedderName?: string;
  /** @default systemClock */
  readonly clock?: Clock;
  readonly logger?: Logger;
}

/** The file inside `dataDir` that holds everything. */
export const MEMORY_DB_FILE = 'memories.db';

function checkOptions({ dimensions, exactSearchLimit }: EmbeddedMemoryStoreOptions): void {
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new Error(`dimensions must be a positive integer (the embedder's vector length), got ${dimensions}.`);
  }
  if (exactSearchLimit !== undefined && !(exactSearchLimit >= 0)) {
    throw new Error(`exactSearchLimit must be 0 or more, got ${exactSearchLimit}.`);
  }
}

function openDatabase(dataDir: string): SqliteDatabase {
  // FULL: a memory is on disk when `remember` resolves, not only in the OS page cache.
  return openSqlite(join(dataDir, MEMORY_DB_FILE), { synchronous: 'FULL' });
}

function openStore(db: SqliteDatabase, options: EmbeddedMemoryStoreOptions): EmbeddedMemoryStore {
  const started = performance.now();
  migrate(db, MEMORY_MIGRATIONS);
  const table = createMemoryTable(db);
  const projections = createProjectionTable(db);
  // A stored basis must be in place before the coarse index is filled.
  const usePca = options.projection === 'pca';
  const stored = usePca ? projections.load() : undefined;
  const projector: ProjectorSlot = { current: stored === undefined ? TRUNCATION : pcaProjector(stored.pca) };
  const live = loadLiveIndexes(db, table, { ...options, projector });
  const fitter: ProjectionFitter = !usePca
      ? { maybeFit: () => undefined, idle: () => Promise.resolve(), stop: () => undefined }
      : createProjectionFitter({
          db,
          table,
          projections,
          slot: projector,
          live,
          dimensions: options.dimensions,
          minMemories: options.pcaMinMemories ?? DEFAULT_PCA_MIN_MEMORIES,
          fittedOn: stored?.fittedOn ?? 0,
          ...(options.logger === undefined ? {} : { logger: options.logger }),
        });
  fitter.maybeFit(live.directory.size);
  const graph = createEntityGraph(db);
  const writer = createMemoryWriter({ db, table, graph, chain: createTimeChain(db) });
  const { vectors, directory, terms } = live;
  options.logger?.debug(
    { memories: vectors.size, vectorMode: vectors.mode, openMs: Math.round(performance.now() - started) },
    'embedded memory store open',
  );
  return createStoreFacade({
    db,
    table,
    graph,
    vectors,
    directory,
    live,
    writer,
    keywordSearch: createKeywordSearch({ db, terms, totalDocs: () => directory.size }),
    projector,
    fitter,
    sourceWeights: options.sourceWeights ?? {},
    rrfK: options.rrfK ?? RRF_K,
    embed: options.embed,
    dimensions: options.dimensions,
    clock: options.clock ?? systemClock,
  });
}

/**
 * The default backend: one SQLite file (rows, FTS5 BM25, entity graph, NEXT_IN_TIME chain) and
 * in-process indexes rebuilt from it on open (usearch over 96-dim prefixes, a seq → tenant/time
 * directory, term counts). One process owns the file at a time.
 */
export async function createEmbeddedMemoryStore(options: EmbeddedMemoryStoreOptions): Promise<EmbeddedMemoryStore> {
  let db: SqliteDatabase | undefined;
  try {
    checkOptions(options);
    db = openDatabase(options.dataDir);
    migrate(db, MEMORY_MIGRATIONS);
    if (options.embedderName !== undefined) {
      await reconcileEmbedder(db, { name: options.embedderName, embed: options.embed, ...(options.logger === undefined ? {} : { logger: options.logger }) });
    }
    return openStore(db, options);
  } catch (error) {
    db?.close();
    throw error instanceof Error ? error : new Error(String(error));
  }
}
