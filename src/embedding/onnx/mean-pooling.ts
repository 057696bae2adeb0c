import { normalize, type Vector } from '../../shared/index.js';

/**
 * Attention-masked mean of token vectors, L2-normalized: sentence-transformers' pooling for
 * all-MiniLM-L6-v2. `hidden` is the row-major [batch, seq, dims] output; row `b` has
 * `lengths[b]` real tokens followed by padding.
 */
export function meanPool(hidden: Float32Array, lengths: readonly number[], seq: number, dims: number): Vector[] {
  return lengths.map((length, b) => {
    const sum = new Float32Array(dims);
    const base = b * seq * dims;
    for (let t = 0; t < length; t++) {
      const offset = base + t * dims;
      for (let d = 0; d < dims; d++) {
        sum[d] = (sum[d] ?? 0) + (hidden[offset + d] ?? 0);
      }
    }
    const count = Math.max(length, 1);
    for (let d = 0; d < dims; d++) {
      sum[d] = (sum[d] ?? 0) / count;
    }
    return normalize(sum);
  });
}
