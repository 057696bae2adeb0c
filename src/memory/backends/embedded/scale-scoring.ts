import { dot, type Vector } from '../../../shared/index.js';
import type { RecallScale } from '../../types.js';

import { projectAt, type Projector } from './projector.js';

/** The scale a recall uses when the query names none. */
export const DEFAULT_SCALES: readonly RecallScale[] = [{ dims: 96, weight: 1 }];

/** A query projected to each scale once; candidates are projected once to the widest scale. */
export interface ScaledQuery {
  readonly parts: readonly { readonly dims: number; readonly weight: number; readonly query: Vector }[];
  readonly projector: Projector;
  /** The widest scale below full size: a candidate is projected to it once, then cut. */
  readonly widest: number;
}

/** Prepares the query at each scale (smallest first), each a unit vector. */
export function scaleQuery(query: Vector, projector: Projector, scales: readonly RecallScale[] = DEFAULT_SCALES): ScaledQuery {
  const parts = [...scales]
    .sort((a, b) => a.dims - b.dims)
    .map(({ dims, weight }) => ({ dims, weight, query: projector.project(query, dims) }));
  const widest = Math.max(0, ...parts.filter((part) => part.dims < query.length).map((part) => part.dims));
  return { parts, projector, widest };
}

/** cosine(q, v[:dims]) for a unit q: the prefix's own length normalizes it. */
function prefixCosine(query: Vector, vector: Vector, dims: number): number {
  const prefix = vector.subarray(0, Math.min(dims, vector.length));
  const length = Math.sqrt(dot(prefix, prefix));
  return length === 0 ? 0 : dot(query, prefix) / length;
}

/**
 * Σ weight · cosine at each scale: the fine re-rank of coarse candidates. Both projections the
 * store uses are nested (a smaller scale is a prefix of a larger one), so the candidate is
 * projected once to the widest scale (or its stored projection read) and every smaller scale
 * reads a prefix of that.
 */
export function scoreAtScales(scaled: ScaledQuery, vector: Vector, stored?: Vector | null): number {
  const projected = scaled.widest === 0 ? vector : projectAt(scaled.projector, vector, stored, scaled.widest);
  let score = 0;
  for (const { dims, weight, query } of scaled.parts) {
    score += weight * prefixCosine(query, dims >= vector.length ? vector : projected, dims);
  }
  return score;
}
