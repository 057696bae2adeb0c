import { createLruCache, type CacheStats } from '../cache/index.js';
import type { Vector } from '../shared/index.js';

import type { Embedder } from './types.js';

/** The original's embedding cache: 500 texts for one hour. */
export const EMBEDDING_CACHE_MAX = 500;
export const EMBEDDING_CACHE_TTL_MS = 3_600_000;

/** An embedder that remembers recent texts, plus the cache's counters. */
export interface CachedEmbedder extends Embedder {
  cacheStats(): CacheStats;
}

/** Decorates an embedder with an LRU+TTL cache keyed by exact text; only misses reach the model. */
export function createCachedEmbedder(
  inner: Embedder,
  { max = EMBEDDING_CACHE_MAX, ttlMs = EMBEDDING_CACHE_TTL_MS } = {},
): CachedEmbedder {
  const cache = createLruCache<Vector>({ max, ttlMs });
  return {
    name: inner.name,
    dimensions: inner.dimensions,
    kind: inner.kind,
    async embed(texts) {
      const cached = texts.map((text) => cache.get(text));
      const missing = [...new Set(texts.filter((_, i) => cached[i] === undefined))];
      const fresh = missing.length === 0 ? [] : await inner.embed(missing);
      missing.forEach((text, i) => {
        const vector = fresh[i];
        if (vector !== undefined) {
          cache.set(text, vector);
        }
      });
      const byText = new Map(missing.map((text, i) => [text, fresh[i]]));
      return texts.map((text, i) => cached[i] ?? byText.get(text) ?? new Float32Array(inner.dimensions));
    },
    cacheStats: () => cache.stats(),
    ...(inner.close === undefined ? {} : { close: () => inner.close?.() ?? Promise.resolve() }),
  };
}
