import DataLoader from 'dataloader';

import type { Vector } from '../shared/index.js';

import type { Embedder } from './types.js';

/** Largest batch handed to the model at once; bigger requests are split. */
export const MAX_EMBED_BATCH = 256;

/**
 * Coalesces embed calls made in the same tick (concurrent weaves, a rememberMany batch) into
 * one call to the inner embedder. DataLoader does the coalescing; its per-key cache is off
 * because the LRU cache in front of the model already remembers texts.
 */
export function createBatchingEmbedder(inner: Embedder, { maxBatchSize = MAX_EMBED_BATCH } = {}): Embedder {
  const loader = new DataLoader<string, Vector>((texts) => inner.embed(texts), { cache: false, maxBatchSize });
  return {
    name: inner.name,
    dimensions: inner.dimensions,
    kind: inner.kind,
    async embed(texts) {
      const results = await loader.loadMany(texts);
      return results.map((result) => {
        if (result instanceof Error) {
          throw result;
        }
        return result;
      });
    },
    ...(inner.close === undefined ? {} : { close: () => inner.close?.() ?? Promise.resolve() }),
  };
}
