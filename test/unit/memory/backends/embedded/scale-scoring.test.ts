import { describe, expect, it } from 'vitest';

import { pcaProjector, TRUNCATION } from '../../../../../src/memory/backends/embedded/projector.js';
import { scaleQuery, scoreAtScales } from '../../../../../src/memory/backends/embedded/scale-scoring.js';
import { cosine, createSeededRng, fitPca, normalize, projectPca, truncateNormalize } from '../../../../../src/shared/index.js';

const vector = (values: number[]): Float32Array => Float32Array.from(values);

describe('scoreAtScales', () => {
  const query = vector([1, 0, 0, 1]);
  const candidate = vector([1, 0, 1, 0]);

  it.each([
    { name: 'default 96-dim scale on short vectors uses them whole', scales: undefined, expected: cosine(query, candidate) },
    { name: 'a 2-dim prefix', scales: [{ dims: 2, weight: 1 }], expected: 1 },
    {
      name: 'weighted sum over scales',
      scales: [
        { dims: 2, weight: 0.25 },
        { dims: 4, weight: 0.75 },
      ],
      expected: 0.25 * 1 + 0.75 * 0.5,
    },
    { name: 'a 1-dim prefix of two positive first components', scales: [{ dims: 1, weight: 1 }], expected: 1 },
  ])('$name', ({ scales, expected }) => {
    expect(scoreAtScales(scaleQuery(query, TRUNCATION, scales), candidate)).toBeCloseTo(expected, 6);
  });

  it('equals cosine of the truncated, re-normalized vectors', () => {
    const q = vector([0.3, -0.2, 0.9, 0.1, 0.4]);
    const v = vector([0.1, 0.5, -0.3, 0.8, 0.2]);

    const expected = cosine(truncateNormalize(q, 3), truncateNormalize(v, 3));

    expect(scoreAtScales(scaleQuery(q, TRUNCATION, [{ dims: 3, weight: 1 }]), v)).toBeCloseTo(expected, 6);
  });

  it('scores a candidate whose prefix is zero as 0', () => {
    expect(scoreAtScales(scaleQuery(query, TRUNCATION, [{ dims: 2, weight: 1 }]), vector([0, 0, 1, 1]))).toBe(0);
  });

  it('with a PCA projector, scores cosines of the projected vectors and of the raw full vectors', () => {
    const rng = createSeededRng(5);
    const corpus = Array.from({ length: 50 }, () => normalize(Float32Array.from({ length: 6 }, () => rng.next() - 0.5)));
    const pca = fitPca(corpus, 3, createSeededRng(1));
    const q = corpus[0]!;
    const v = corpus[1]!;
    const scaled = scaleQuery(q, pcaProjector(pca), [
      { dims: 2, weight: 0.5 },
      { dims: 6, weight: 0.5 },
    ]);
    const expected = 0.5 * cosine(projectPca(pca, q, 2), projectPca(pca, v, 2)) + 0.5 * cosine(q, v);
    expect(scoreAtScales(scaled, v)).toBeCloseTo(expected, 5);
  });
});
