import { fitPca, gaussian, orthonormalizeColumns, projectPca, truncateNormalize, type Rng, type Vector } from '../shared/index.js';

/** A way to shrink a full-size embedding to a Matryoshka scale. */
export interface ScaleProjection {
  readonly name: string;
  /** A unit vector of `dims` components standing in for `vector` at that scale. */
  project(vector: Vector, dims: number): Vector;
}

/** Truncation + re-normalization: exact for Matryoshka-trained models. */
export const truncation: ScaleProjection = {
  name: 'truncate',
  project: truncateNormalize,
};

/** The original's fallback: the first columns of a seeded random orthonormal basis. */
export function seededOrthonormalProjection(n: number, rng: Rng): ScaleProjection {
  const basis = Float64Array.from({ length: n * n }, () => gaussian(rng));
  orthonormalizeColumns(basis, n, n);
  const pca = { n, k: n, basis, mean: new Float64Array(n) };
  return { name: 'orthonormal', project: (vector, dims) => projectPca(pca, vector, dims) };
}

/** The leading principal components of a corpus (what the embedded store uses once it has one). */
export function pcaProjection(vectors: readonly Vector[], k: number, rng: Rng, iterations = 40): ScaleProjection {
  const pca = fitPca(vectors, k, rng, iterations);
  return { name: 'pca', project: (vector, dims) => projectPca(pca, vector, dims) };
}
