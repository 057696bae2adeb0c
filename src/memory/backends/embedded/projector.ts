import { normalize, projectPca, truncateNormalize, type PcaBasis, type Vector } from '../../../shared/index.js';

/** How the store shrinks full-size vectors to its smaller Matryoshka scales. */
export interface Projector {
  readonly kind: 'truncate' | 'pca';
  /** Unit vector of min(dims, the projector's reach) components; full size stays untouched. */
  project(vector: Vector, dims: number): Vector;
}

/** Truncation + re-normalization: right for Matryoshka-trained models, and before a PCA fit. */
export const TRUNCATION: Projector = {
  kind: 'truncate',
  project: truncateNormalize,
};

/**
 * The corpus' principal directions. Scales up to the basis width use them (PCA is nested, so
 * 96 dims are a prefix of 192); the full size compares raw vectors.
 */
export function pcaProjector(pca: PcaBasis): Projector & { readonly pca: PcaBasis } {
  return {
    kind: 'pca',
    pca,
    project: (vector, dims) => (dims >= vector.length ? normalize(vector) : projectPca(pca, vector, dims)),
  };
}

/** The widest scale below full size that the cards use, and so the width of stored projections. */
export const PROJECTION_WIDTH = 192;

/** The stored projection when there is one, else the projector's own, at `dims` ≤ its width. */
export function projectAt(projector: Projector, vector: Vector, projected: Vector | null | undefined, dims: number): Vector {
  return projector.kind === 'pca' && projected != null && projected.length >= dims
    ? normalize(projected.subarray(0, dims))
    : projector.project(vector, dims);
}

/** What to store beside a new memory: its PCA projection, or nothing under truncation. */
export function projectionToStore(projector: Projector, vector: Vector): Vector | null {
  return projector.kind === 'pca' ? projector.project(vector, PROJECTION_WIDTH) : null;
}

/** The projector in force; a refit swaps `current` for every reader at once. */
export interface ProjectorSlot {
  current: Projector;
}
