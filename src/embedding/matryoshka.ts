import { normalize, type Rng, type Vector } from '../shared/index.js';

/** A way to shrink a full-size embedding to a Matryoshka scale. */
export interface ScaleProjection {
  readonly name: string;
  /** A unit vector of `dims` components standing in for `vector` at that scale. */
  project(vector: Vector, dims: number): Vector;
}

/** Truncation + re-normalization: exact for Matryoshka-trained models. */
export const truncation: ScaleProjection = {
  name: 'truncate',
  project: (vector, dims) => normalize(vector.subarray(0, Math.min(dims, vector.length))),
};

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

/** A projection onto the first columns of an n×k orthonormal basis, after an optional centring. */
function basisProjection(name: string, basis: Float64Array, n: number, k: number, mean?: Float64Array): ScaleProjection {
  return {
    name,
    project(vector, dims) {
      const out = new Float32Array(Math.min(dims, k));
      for (let i = 0; i < n; i++) {
        const x = (vector[i] ?? 0) - (mean?.[i] ?? 0);
        for (let j = 0; j < out.length; j++) {
          out[j] = (out[j] ?? 0) + x * (basis[i * k + j] ?? 0);
        }
      }
      return normalize(out);
    },
  };
}

/** Box-Muller standard normal. */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(Math.max(rng.next(), Number.EPSILON))) * Math.cos(2 * Math.PI * rng.next());
}

/** The original's fallback: the first columns of a seeded random orthonormal basis. */
export function seededOrthonormalProjection(n: number, rng: Rng): ScaleProjection {
  const basis = Float64Array.from({ length: n * n }, () => gaussian(rng));
  orthonormalizeColumns(basis, n, n);
  return basisProjection('orthonormal', basis, n, n);
}

/** C·V for the n×n covariance C and the n×k block V (both row-major). */
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

function covariance(vectors: readonly Vector[], n: number, mean: Float64Array): Float64Array {
  const cov = new Float64Array(n * n);
  for (const vector of vectors) {
    for (let i = 0; i < n; i++) {
      const xi = (vector[i] ?? 0) - (mean[i] ?? 0);
      for (let j = i; j < n; j++) {
        cov[i * n + j] = (cov[i * n + j] ?? 0) + xi * ((vector[j] ?? 0) - (mean[j] ?? 0));
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

/**
 * Principal components of a corpus by subspace iteration (C·V then re-orthonormalize): the
 * leading `k` directions hold the most variance, so the first d of them lose the least.
 */
export function pcaProjection(vectors: readonly Vector[], k: number, rng: Rng, iterations = 40): ScaleProjection {
  const n = vectors[0]?.length ?? 0;
  const mean = new Float64Array(n);
  vectors.forEach((vector) => vector.forEach((x, i) => (mean[i] = (mean[i] ?? 0) + x / vectors.length)));
  const cov = covariance(vectors, n, mean);
  let block: Float64Array = Float64Array.from({ length: n * k }, () => gaussian(rng));
  orthonormalizeColumns(block, n, k);
  for (let step = 0; step < iterations; step++) {
    block = multiply(cov, block, n, k);
    orthonormalizeColumns(block, n, k);
  }
  return basisProjection('pca', block, n, k, mean);
}
