import { describe, expect, it } from 'vitest';

import { pcaProjection, seededOrthonormalProjection, truncation } from '../../../src/embedding/index.js';
import { createSeededRng, dot, normalize, orthonormalizeColumns } from '../../../src/shared/index.js';

describe('Matryoshka projections', () => {
  it('truncation keeps the leading components, re-normalized', () => {
    expect(Array.from(truncation.project(Float32Array.from([3, 4, 12]), 2))).toEqual([0.6, 0.8].map(Math.fround));
  });

  it('orthonormalizes columns', () => {
    const m = Float64Array.from([1, 1, 0, 1, 1, 0]); // 3×2
    orthonormalizeColumns(m, 3, 2);
    const col = (j: number) => [0, 1, 2].map((i) => m[i * 2 + j] ?? 0);
    const d = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
    expect(d(col(0), col(0))).toBeCloseTo(1, 10);
    expect(d(col(1), col(1))).toBeCloseTo(1, 10);
    expect(d(col(0), col(1))).toBeCloseTo(0, 10);
  });

  it('a seeded orthonormal basis preserves cosines at full size and is reproducible', () => {
    const rng = () => createSeededRng(1);
    const p = seededOrthonormalProjection(8, rng());
    const a = normalize(Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]));
    const b = normalize(Float32Array.from([8, 1, 6, 3, 4, 5, 2, 7]));
    expect(dot(p.project(a, 8), p.project(b, 8))).toBeCloseTo(dot(a, b), 5);
    expect(Array.from(seededOrthonormalProjection(8, rng()).project(a, 3))).toEqual(Array.from(p.project(a, 3)));
  });

  it('PCA puts the direction of greatest variance first', () => {
    const rng = createSeededRng(3);
    const vectors = Array.from({ length: 200 }, () => {
      const t = rng.next() * 10 - 5;
      return Float32Array.from([t, t, 0.1 * (rng.next() - 0.5), 0.1 * (rng.next() - 0.5)]);
    });
    const pca = pcaProjection(vectors, 2, createSeededRng(9));
    const along = pca.project(Float32Array.from([1, 1, 0, 0]), 1);
    expect(Math.abs(along[0] ?? 0)).toBeCloseTo(1, 5);
    // A vector in the low-variance plane has (almost) nothing along the first component.
    const across = pca.project(Float32Array.from([0, 0, 1, 1]), 2);
    expect(Math.abs(across[0] ?? 1)).toBeLessThan(0.05);
  });
});
