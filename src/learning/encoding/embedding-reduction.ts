import { fitPca, projectPca, truncateNormalize, type PcaBasis, type Rng } from '../../shared/index.js';

import { EMBEDDING_DIMS, ENCODING_VERSION, type EncodingVersion } from './layout.js';

/** How a full-size query embedding becomes the observation's 96-number embedding block. */
export interface EmbeddingReduction {
  /** The encoding version whose embedding block this reduction fills. */
  readonly encodingVersion: EncodingVersion;
  /**
   * EMBEDDING_DIMS numbers of unit length (all 0 only for a degenerate input), so every value is
   * in [-1, 1]. Throws RangeError for an embedding it cannot read (too short, NaN/Infinity).
   */
  reduce(embedding: Float32Array): Float32Array;
}

function requireFinite(values: Float32Array): void {
  if (!values.every(Number.isFinite)) {
    throw new RangeError('The query embedding holds a non-finite value.');
  }
}

/**
 * obs-v1: the first 96 components, re-normalized. Exact for Matryoshka-style embedders such as
 * the hashing one, whose first band is an embedding in its own right.
 */
export const PREFIX_REDUCTION: EmbeddingReduction = Object.freeze({
  encodingVersion: ENCODING_VERSION,
  reduce(embedding: Float32Array): Float32Array {
    if (embedding.length < EMBEDDING_DIMS) {
      throw new RangeError(`The query embedding has ${embedding.length} dims; the encoding needs at least ${EMBEDDING_DIMS}.`);
    }
    requireFinite(embedding.subarray(0, EMBEDDING_DIMS));
    return truncateNormalize(embedding, EMBEDDING_DIMS);
  },
});

/** A fitted obs-v2 reduction as plain JSON, to store beside the policy trained on it. */
export interface StoredPcaReduction {
  readonly encodingVersion: 'obs-v2';
  /** Length of the embeddings it reads (384 for MiniLM). */
  readonly inputDims: number;
  /** Mean of the embeddings it was fitted on (inputDims numbers). */
  readonly mean: readonly number[];
  /** Row-major inputDims × 96: the leading principal directions, orthonormal columns. */
  readonly basis: readonly number[];
  /** How many embeddings it was fitted on, for the record. */
  readonly fittedOn: number;
}

/** obs-v2's reduction: centre, project on the 96 leading principal directions, unit length. */
export interface PcaReduction extends EmbeddingReduction {
  readonly encodingVersion: 'obs-v2';
  readonly inputDims: number;
  toStored(): StoredPcaReduction;
}

function fromBasis(pca: PcaBasis, fittedOn: number): PcaReduction {
  return {
    encodingVersion: 'obs-v2',
    inputDims: pca.n,
    reduce(embedding: Float32Array): Float32Array {
      if (embedding.length !== pca.n) {
        throw new RangeError(`The query embedding has ${embedding.length} dims; this obs-v2 reduction was fitted on ${pca.n}.`);
      }
      requireFinite(embedding);
      return projectPca(pca, embedding, EMBEDDING_DIMS);
    },
    toStored: () => ({ encodingVersion: 'obs-v2', inputDims: pca.n, mean: Array.from(pca.mean), basis: Array.from(pca.basis), fittedOn }),
  };
}

/** Rebuilds a stored reduction; throws RangeError when its arrays do not fit its sizes. */
export function pcaReductionFrom(stored: StoredPcaReduction): PcaReduction {
  const n = stored.inputDims;
  if (!Number.isInteger(n) || n < EMBEDDING_DIMS || stored.mean.length !== n || stored.basis.length !== n * EMBEDDING_DIMS) {
    throw new RangeError(`A stored obs-v2 reduction needs ${EMBEDDING_DIMS} ≤ inputDims, a mean of inputDims and a basis of inputDims × ${EMBEDDING_DIMS} numbers.`);
  }
  const pca = { n, k: EMBEDDING_DIMS, mean: Float64Array.from(stored.mean), basis: Float64Array.from(stored.basis) };
  return fromBasis(pca, stored.fittedOn);
}

/**
 * Fits obs-v2's reduction on the training queries' embeddings (never the held-out ones: the
 * directions would leak what is measured). Deterministic for a given Rng state. More subspace
 * iterations than fitPca's default: 96 of 384 directions converge more slowly than the first few.
 */
export function fitPcaReduction(embeddings: readonly Float32Array[], rng: Rng, iterations = 40): PcaReduction {
  const n = embeddings[0]?.length ?? 0;
  if (n < EMBEDDING_DIMS || embeddings.some((embedding) => embedding.length !== n)) {
    throw new RangeError(`Fitting obs-v2 needs one or more embeddings of one length ≥ ${EMBEDDING_DIMS}.`);
  }
  embeddings.forEach(requireFinite);
  return fromBasis(fitPca(embeddings, EMBEDDING_DIMS, rng, iterations), embeddings.length);
}
