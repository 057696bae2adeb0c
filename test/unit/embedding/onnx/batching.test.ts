import { describe, expect, it } from 'vitest';

import { lengthBuckets, padBatch } from '../../../../src/embedding/onnx/batch-tensors.js';
import { meanPool } from '../../../../src/embedding/onnx/mean-pooling.js';
import { norm } from '../../../../src/shared/index.js';

describe('padBatch', () => {
  it('pads to the longest sequence of the batch, not a fixed length', () => {
    const batch = padBatch([[101, 7, 102], [101, 102]]);
    expect(batch.seq).toBe(3);
    expect(Array.from(batch.inputIds)).toEqual([101n, 7n, 102n, 101n, 102n, 0n]);
    expect(Array.from(batch.attentionMask)).toEqual([1n, 1n, 1n, 1n, 1n, 0n]);
    expect(Array.from(batch.tokenTypeIds).every((x) => x === 0n)).toBe(true);
    expect(batch.lengths).toEqual([3, 2]);
  });
});

describe('lengthBuckets', () => {
  it('groups similar lengths, longest first, covering every index once', () => {
    const buckets = lengthBuckets([5, 100, 7, 98, 6], 2);
    expect(buckets).toEqual([[1, 3], [2, 4], [0]]);
  });

  it('caps a batch at maxTokens padded tokens', () => {
    expect(lengthBuckets([256, 256, 256, 10, 10], 32, 600)).toEqual([[0, 1], [2, 3], [4]]);
  });
});

describe('meanPool', () => {
  it('averages only real tokens and normalizes', () => {
    // batch 2, seq 2, dims 2; the second row's second token is padding and must be ignored
    const hidden = Float32Array.from([1, 0, 0, 1, 3, 4, 100, 100]);
    const [a, b] = meanPool(hidden, [2, 1], 2, 2);
    expect(Array.from(a!)).toEqual([Math.SQRT1_2, Math.SQRT1_2].map(Math.fround));
    expect(Array.from(b!)).toEqual([0.6, 0.8].map(Math.fround));
    expect(norm(a!)).toBeCloseTo(1, 6);
  });
});
