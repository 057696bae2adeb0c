import { describe, expect, it } from 'vitest';

import { scaleQuery, scoreAtScales } from '../../../../../src/memory/backends/embedded/scale-scoring.js';
import { cosine, truncateNormalize } from '../../../../../src/shared/index.js';

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
    expect(scoreAtScales(scaleQuery(query, scales), candidate)).toBeCloseTo(expected, 6);
  });

  it('equals cosine of the truncated, re-normalized vectors', () => {
    const q = vector([0.3, -0.2, 0.9, 0.1, 0.4]);
    const v = vector([0.1, 0.5, -0.3, 0.8, 0.2]);

    const expected = cosine(truncateNormalize(q, 3), truncateNormalize(v, 3));

    expect(scoreAtScales(scaleQuery(q, [{ dims: 3, weight: 1 }]), v)).toBeCloseTo(expected, 6);
  });

  it('scores a candidate whose prefix is zero as 0', () => {
    expect(scoreAtScales(scaleQuery(query, [{ dims: 2, weight: 1 }]), vector([0, 0, 1, 1]))).toBe(0);
  });
});
