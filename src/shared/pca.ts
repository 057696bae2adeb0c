import type { Rng } from './rng.js';
import { normalize, type Vector } from './vector.js';

/** The leading principal directions of a corpus: an n×k row-major basis and the corpus mean. */
export interface PcaBasis {
  readonly n: number;
  readonly k: number;
  readonly basis: Float64Array;
  readonly mean: Float64Array;
}

/** Columns of an n×k row-major matrix, orthonormalized in place by modified Gram-Schmidt. */
export function orthonormalizeColumns(matrix: Float64Array, n: number, k: number): void {
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let projection = 0;
      for (let i = 0; i < n; i++) {
        projection += (matrix[i * k + j] ?? 0) * (matrix[i * k + p] ?? 0);
      }
      for (let i = 0; i < n; i++) {
        matrix[i * k + j] = (matrix[i * k + j] ?? 0) - projection * (matrix[i * k + p] ?? 0);
      }
    }
    let length = 0;
    for (let i = 0; i < n; i++) {
      length += (matrix[i * k + j] ?? 0) ** 2;
    }
    const scale = length > 0 ? 1 / Math.sqrt(length) : 0;
    for (let i = 0; i < n; i++) {
      matrix[i * k + j] = (matrix[i * k + j] ?? 0) * scale;
    }
  }
}

/** Box-Muller standard normal. */
export function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(Math.max(rng.next(), Number.EPSILON))) * Math.cos(2 * Math.PI * rng.next());
}

function meanOf(vectors: readonly Vector[], n: number): Float64Array {
  const mean = new Float64Array(n);
  for (const vector of vectors) {
    for (let i = 0; i < n; i++) {
      mean[i] = (mean[i] ?? 0) + (vector[i] ?? 0) / vectors.length;
    }
  }
  return mean;
}

function covariance(vectors: readonly Vector[], n: number, mean: Float64Array): Float64Array {
  const cov = new Float64Array(n * n);
  const centred = new Float64Array(n);
  for (const vector of vectors) {
    for (let i = 0; i < n; i++) {
      centred[i] = (vector[i] ?? 0) - (mean[i] ?? 0);
    }
    for (let i = 0; i < n; i++) {
      const xi = centred[i] ?? 0;
      for (let j = i; j < n; j++) {
        cov[i * n + j] = (cov[i * n + j] ?? 0) + xi * (centred[j] ?? 0);
      }
    }
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      cov[i * n + j] = cov[j * n + i] ?? 0;
    }
  }
  return cov;
}

/** C·V for the n×n matrix C and the n×k block V (both row-major). */
function multiply(cov: Float64Array, block: Float64Array, n: number, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let m = 0; m < n; m++) {
      const c = cov[i * n + m] ?? 0;
      for (let j = 0; j < k; j++) {
        out[i * k + j] = (out[i * k + j] ?? 0) + c * (block[m * k + j] ?? 0);
      }
    }
  }
  return out;
}

/**
 * Principal components by subspace iteration (C·V, then re-orthonormalize): the leading `k`
 * directions hold the most variance, so the first d of them lose the least.
 */
export function fitPca(vectors: readonly Vector[], k: number, rng: Rng, iterations = 30): PcaBasis {
  const n = vectors[0]?.length ?? 0;
  const mean = meanOf(vectors, n);
  const cov = covariance(vectors, n, mean);
  let basis: Float64Array = Float64Array.from({ length: n * k }, () => gaussian(rng));
  orthonormalizeColumns(basis, n, k);
  for (let step = 0; step < iterations; step++) {
    basis = multiply(cov, basis, n, k);
    orthonormalizeColumns(basis, n, k);
  }
  return { n, k, basis, mean };
}

/** The first `dims` (≤ k) principal coordinates of a vector, centred, unit length. */
export function projectPca({ n, k, basis, mean }: PcaBasis, vector: Vector, dims: number): Vector {
  const out = new Float32Array(Math.min(dims, k));
  for (let i = 0; i < n; i++) {
    const x = (vector[i] ?? 0) - (mean[i] ?? 0);
    const row = i * k;
    for (let j = 0; j < out.length; j++) {
      out[j] = (out[j] ?? 0) + x * (basis[row + j] ?? 0);
    }
  }
  return normalize(out);
}
