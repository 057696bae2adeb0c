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

/** Vectors folded into the covariance between two pauses of a stepwise fit. */
const COVARIANCE_CHUNK = 256;

function* covariance(vectors: readonly Vector[], n: number, mean: Float64Array): Generator<void, Float64Array> {
  const cov = new Float64Array(n * n);
  const centred = new Float64Array(n);
  for (const [index, vector] of vectors.entries()) {
    if (index > 0 && index % COVARIANCE_CHUNK === 0) {
      yield;
    }
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
    const outRow = out.subarray(i * k, (i + 1) * k);
    for (let m = 0; m < n; m++) {
      // Indices stay in bounds by construction; `as number` skips the undefined check in the hot loop.
      const c = cov[i * n + m] as number;
      if (c === 0) {
        continue;
      }
      const blockRow = block.subarray(m * k, (m + 1) * k);
      for (let j = 0; j < k; j++) {
        outRow[j] = (outRow[j] as number) + c * (blockRow[j] as number);
      }
    }
  }
  return out;
}

/**
 * Principal components by subspace iteration (C·V, then re-orthonormalize): the leading `k`
 * directions hold the most variance, so the first d of them lose the least. A generator that
 * pauses between chunks of work, so a caller can fit without holding the event loop.
 */
export function* fitPcaSteps(vectors: readonly Vector[], k: number, rng: Rng, iterations = 15): Generator<void, PcaBasis> {
  const n = vectors[0]?.length ?? 0;
  const mean = meanOf(vectors, n);
  const cov = yield* covariance(vectors, n, mean);
  let basis: Float64Array = Float64Array.from({ length: n * k }, () => gaussian(rng));
  orthonormalizeColumns(basis, n, k);
  for (let step = 0; step < iterations; step++) {
    yield;
    basis = multiply(cov, basis, n, k);
    orthonormalizeColumns(basis, n, k);
  }
  return { n, k, basis, mean };
}

/** {@link fitPcaSteps} run to the end in one go. */
export function fitPca(vectors: readonly Vector[], k: number, rng: Rng, iterations = 15): PcaBasis {
  const steps = fitPcaSteps(vectors, k, rng, iterations);
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done === true) {
      return step.value;
    }
  }
}

/** The first `dims` (≤ k) principal coordinates of a vector, centred, unit length. */
export function projectPca({ n, k, basis, mean }: PcaBasis, vector: Vector, dims: number): Vector {
  const width = Math.min(dims, k);
  const sum = new Float64Array(width);
  for (let i = 0; i < n; i++) {
    const x = (vector[i] ?? 0) - (mean[i] as number);
    const row = basis.subarray(i * k, i * k + width);
    for (let j = 0; j < width; j++) {
      sum[j] = (sum[j] as number) + x * (row[j] as number);
    }
  }
  return normalize(Float32Array.from(sum));
}
