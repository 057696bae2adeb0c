import type { Logger } from '../../../observability/index.js';
import { collectGarbageSoon, type Vector } from '../../../shared/index.js';

import type { SeqFilter } from './memory-directory.js';
import { projectAt, TRUNCATION, type Projector, type ProjectorSlot } from './projector.js';
import { createExactEngine, createHnswEngine, type ExactVectorEngine, type VectorEngine } from './vector-engines.js';
import { fetchAccepted } from './widening-fetch.js';

/** Size of the coarse Matryoshka prefix the index holds. */
export const COARSE_DIMS = 96;
/** Exact search up to this many vectors (all tenants together); HNSW beyond. */
export const DEFAULT_EXACT_SEARCH_LIMIT = 50_000;

/** One memory's entry: its rowid, full-size embedding and stored projection (under PCA). */
export interface VectorEntry {
  readonly key: number;
  readonly vector: Vector;
  readonly projected?: Vector | null;
}

export interface VectorIndexOptions {
  /** Length of the full embeddings; the index keeps the first min(96, dimensions). */
  readonly dimensions: number;
  /** @default 50_000 */
  readonly exactSearchLimit?: number;
  /** How full vectors become 96-dim index entries. @default truncation */
  readonly projector?: ProjectorSlot;
  readonly logger?: Logger;
}

/** The coarse vector index shared by all tenants, filtered per query. */
export interface VectorIndex {
  readonly size: number;
  readonly mode: 'exact' | 'hnsw';
  add(entries: readonly VectorEntry[]): void;
  remove(key: number): boolean;
  /**
   * Starts filling a replacement engine under another projection (a refit's), off to the side:
   * searches keep using the current one until `commit`. `expected` picks exact or HNSW.
   */
  beginRebuild(projector: Projector, expected: number): IndexRebuild;
  /** Up to `k` keys the filter lets through (tenant, window), nearest to the full-size query first. */
  search(query: Vector, k: number, filter: SeqFilter): number[];
}

/** A replacement engine being filled; see VectorIndex.beginRebuild. */
export interface IndexRebuild {
  /** Adds entries, projected with the rebuild's projector. Call in chunks, pausing between them. */
  add(entries: readonly VectorEntry[]): void;
  /** Puts the new engine in place; keys removed from the index since the rebuild began are dropped from it. */
  commit(): void;
}

function flatten(entries: readonly VectorEntry[], dims: number, projector: Projector): Float32Array {
  const flat = new Float32Array(entries.length * dims);
  entries.forEach((entry, i) => {
    flat.set(projectAt(projector, entry.vector, entry.projected, dims), i * dims);
  });
  return flat;
}

interface RebuildSpec {
  readonly dims: number;
  readonly projector: Projector;
  readonly hnsw: boolean;
  /** Keys removed from the index while the rebuild fills; dropped from the new engine at commit. */
  readonly removed: ReadonlySet<number>;
}

function createRebuild(spec: RebuildSpec, install: (engine: VectorEngine, exact: ExactVectorEngine | undefined) => void): IndexRebuild {
  const nextExact = spec.hnsw ? undefined : createExactEngine(spec.dims);
  const nextEngine = nextExact ?? createHnswEngine(spec.dims);
  return {
    add: (entries) => nextEngine.add(entries.map((entry) => entry.key), flatten(entries, spec.dims, spec.projector)),
    commit() {
      spec.removed.forEach((key) => nextEngine.remove(key));
      install(nextEngine, nextExact);
    },
  };
}

/**
 * Holds the 96-dim Matryoshka prefix of every memory of every tenant, keyed by rowid. Starts
 * with exact search and moves to a usearch HNSW graph, once, when it grows past
 * `exactSearchLimit`. Searches filter by tenant and window through a {@link SeqFilter}.
 */
export function createVectorIndex({
  dimensions,
  exactSearchLimit = DEFAULT_EXACT_SEARCH_LIMIT,
  projector = { current: TRUNCATION },
  logger,
}: VectorIndexOptions): VectorIndex {
  const dims = Math.min(COARSE_DIMS, dimensions);
  let exact: ExactVectorEngine | undefined = createExactEngine(dims);
  let engine: VectorEngine = exact;
  // While a rebuild fills its engine: keys removed meanwhile, to drop from it at commit.
  let removedDuringRebuild: Set<number> | undefined;

  const switchToHnsw = (from: ExactVectorEngine): void => {
    const started = performance.now();
    const hnsw = createHnswEngine(dims);
    const { keys, flat } = from.dump();
    hnsw.add(keys, flat);
    engine = hnsw;
    exact = undefined;
    logger?.info({ vectors: keys.length, buildMs: Math.round(performance.now() - started) }, 'vector index moved to HNSW');
  };

  // Other tenants' memories (and those outside the window) share the index: over-fetch, then filter.
  const search = (query: Vector, k: number, filter: SeqFilter): number[] => {
    const coarse = projector.current.project(query, dims);
    return fetchAccepted({
      fetch: (want) => engine.search(coarse, Math.min(want, engine.size)),
      accept: filter.accept,
      expectedRate: filter.expectedRate,
      limit: k,
      total: engine.size,
    });
  };

  function add(entries: readonly VectorEntry[]): void {
    engine.add(entries.map((entry) => entry.key), flatten(entries, dims, projector.current));
    if (exact !== undefined && exact.size > exactSearchLimit) {
      switchToHnsw(exact);
    }
  }

  return {
    get size() {
      return engine.size;
    },
    get mode() {
      return exact === undefined ? 'hnsw' : 'exact';
    },
    add,
    beginRebuild(next: Projector, expected: number): IndexRebuild {
      const removed = new Set<number>();
      removedDuringRebuild = removed;
      return createRebuild({ dims, projector: next, hnsw: expected > exactSearchLimit, removed }, (nextEngine, nextExact) => {
        removedDuringRebuild = undefined;
        exact = nextExact;
        engine = nextEngine;
        // The replaced engine may be a usearch graph, native memory V8 would otherwise leave resident.
        collectGarbageSoon();
      });
    },
    remove: (key) => {
      removedDuringRebuild?.add(key);
      return engine.remove(key);
    },
    search: (query, k, filter) => (k <= 0 || engine.size === 0 ? [] : search(query, k, filter)),
  };
}
