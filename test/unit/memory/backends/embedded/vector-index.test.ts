import { describe, expect, it } from 'vitest';

import type { SeqFilter } from '../../../../../src/memory/backends/embedded/memory-directory.js';
import { TRUNCATION, type Projector } from '../../../../../src/memory/backends/embedded/projector.js';
import { createVectorIndex } from '../../../../../src/memory/backends/embedded/vector-index.js';
import { createSeededRng, normalize, truncateNormalize } from '../../../../../src/shared/index.js';

const DIMS = 384;

function randomVectors(count: number, seed: number): Float32Array[] {
  const rng = createSeededRng(seed);
  return Array.from({ length: count }, () => normalize(Float32Array.from({ length: DIMS }, () => rng.next() - 0.5)));
}

const anyKey: SeqFilter = { accept: () => true, expectedRate: 1 };
const nothing: SeqFilter = { accept: () => false, expectedRate: 0 };
/** Keys 1, 5, 9, …: a quarter of the index, as a small tenant would be. */
const inSmallTenant = (key: number): boolean => (key - 1) % 4 === 0;
const smallTenant: SeqFilter = { accept: inSmallTenant, expectedRate: 0.25 };

describe.each([
  { mode: 'exact', exactSearchLimit: 10_000 },
  { mode: 'hnsw', exactSearchLimit: 50 },
] as const)('vector index ($mode)', ({ mode, exactSearchLimit }) => {
  const build = (count: number) => {
    const vectors = randomVectors(count, 7);
    const index = createVectorIndex({ dimensions: DIMS, exactSearchLimit });
    index.add(vectors.map((vector, i) => ({ key: i + 1, vector })));
    return { index, vectors };
  };

  it('finds a stored vector first', () => {
    const { index, vectors } = build(200);

    expect(index.mode).toBe(mode);
    expect(index.size).toBe(200);
    expect(index.search(vectors[41]!, 5, anyKey)[0]).toBe(42);
  });

  it('returns only accepted keys, widening past rejected ones', () => {
    const { index, vectors } = build(200);

    const hits = index.search(vectors[41]!, 50, smallTenant);

    // HNSW is approximate (and usearch builds it on several threads): asked for every one of a
    // tenant's 50 keys it may miss a few on uniform random data.
    expect(hits.length).toBeGreaterThanOrEqual(mode === 'exact' ? 50 : 45);
    expect(hits.every(inSmallTenant)).toBe(true);
    expect(index.search(vectors[0]!, 5, nothing)).toEqual([]);
  });

  it('forgets removed keys', () => {
    const { index, vectors } = build(200);

    expect(index.remove(42)).toBe(true);
    expect(index.remove(42)).toBe(false);

    expect(index.search(vectors[41]!, 150, anyKey)).not.toContain(42);
    expect(index.size).toBe(199);
    expect(index.search(vectors[42]!, 1, anyKey)).toEqual([43]);
  });

  it('returns nothing for k ≤ 0', () => {
    const { index, vectors } = build(10);

    expect(index.search(vectors[1]!, 0, anyKey)).toEqual([]);
  });
});

describe('vector index (exact) swap-remove', () => {
  it('keeps every other vector findable after removals from the middle and the end', () => {
    const vectors = randomVectors(30, 11);
    const index = createVectorIndex({ dimensions: DIMS });
    index.add(vectors.map((vector, key) => ({ key, vector })));
    const removed = [5, 29, 0, 17];

    removed.forEach((key) => index.remove(key));

    vectors.forEach((vector, key) => {
      const found = index.search(vector, 1, anyKey)[0];
      expect(found === key).toBe(!removed.includes(key));
    });
  });
});

describe('vector index rebuild under a new projection', () => {
  // Another projection: the components reversed before truncation.
  const reversed: Projector = { kind: 'truncate', project: (vector, dims) => truncateNormalize(Float32Array.from(vector).reverse(), dims) };

  it.each([
    { expected: 40, mode: 'exact' },
    { expected: 400, mode: 'hnsw' },
  ] as const)('serves from the old engine until commit, then from the new one ($mode), dropping keys removed meanwhile', ({ expected, mode }) => {
    const vectors = randomVectors(60, 13);
    const slot = { current: TRUNCATION };
    const index = createVectorIndex({ dimensions: DIMS, exactSearchLimit: 100, projector: slot });
    index.add(vectors.map((vector, key) => ({ key, vector })));

    const rebuild = index.beginRebuild(reversed, expected);
    rebuild.add(vectors.slice(0, 30).map((vector, key) => ({ key, vector })));
    index.remove(7);
    rebuild.add(vectors.slice(30).map((vector, i) => ({ key: 30 + i, vector })));
    const before = index.search(vectors[12]!, 1, anyKey)[0];
    slot.current = reversed;
    rebuild.commit();

    expect(before).toBe(12);
    expect(index.mode).toBe(mode);
    expect(index.size).toBe(59);
    expect(index.search(vectors[12]!, 1, anyKey)[0]).toBe(12);
    expect(index.search(vectors[7]!, 60, anyKey)).not.toContain(7);
  });
});
