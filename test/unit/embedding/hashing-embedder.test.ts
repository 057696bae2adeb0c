import { describe, expect, it } from 'vitest';

import { createBatchingEmbedder, createCachedEmbedder, createHashingEmbedder, hashEmbed } from '../../../src/embedding/index.js';
import { cosine, norm, truncateNormalize } from '../../../src/shared/index.js';

describe('hashing embedder', () => {
  it('is deterministic, 384-dim and unit length', () => {
    const a = hashEmbed('The Seine flows through Paris.');
    expect(a).toHaveLength(384);
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(Array.from(hashEmbed('The Seine flows through Paris.'))).toEqual(Array.from(a));
  });

  it('scores shared words above unrelated text, at every Matryoshka prefix', () => {
    const query = hashEmbed('rivers of Paris');
    const related = hashEmbed('The Seine is the river of Paris.');
    const unrelated = hashEmbed('Photosynthesis makes glucose.');
    for (const dims of [96, 192, 384]) {
      const q = truncateNormalize(query, dims);
      expect(cosine(q, truncateNormalize(related, dims))).toBeGreaterThan(cosine(q, truncateNormalize(unrelated, dims)) + 0.1);
    }
  });

  it('gives empty text the zero vector rather than NaN', () => {
    expect(Array.from(hashEmbed('')).every((x) => x === 0)).toBe(true);
  });
});

describe('cached embedder', () => {
  it('embeds each distinct text once and counts hits', async () => {
    let calls = 0;
    const inner = createHashingEmbedder();
    const cached = createCachedEmbedder({ ...inner, embed: (texts) => ((calls += texts.length), inner.embed(texts)) });
    const [a, b] = await cached.embed(['x y', 'x y']);
    await cached.embed(['x y']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
    expect(calls).toBe(1);
    expect(cached.cacheStats().hits).toBeGreaterThanOrEqual(1);
  });
});

describe('batching embedder', () => {
  it('coalesces concurrent calls into one batch and keeps each caller’s order', async () => {
    const batches: number[] = [];
    const inner = createHashingEmbedder();
    const batching = createBatchingEmbedder({ ...inner, embed: (texts) => (batches.push(texts.length), inner.embed(texts)) });
    const [a, b] = await Promise.all([batching.embed(['one', 'two']), batching.embed(['three'])]);
    expect(batches).toEqual([3]);
    expect(Array.from(a[1]!)).toEqual(Array.from(hashEmbed('two')));
    expect(Array.from(b[0]!)).toEqual(Array.from(hashEmbed('three')));
  });
});
