import { dot, norm, truncateNormalize, type Vector } from '../../../shared/index.js';
import type { RecallScale } from '../../types.js';

/** The scale a recall uses when the query names none. */
export const DEFAULT_SCALES: readonly RecallScale[] = [{ dims: 96, weight: 1 }];

/** A query cut to each scale once, so scoring a candidate allocates nothing. */
export interface ScaledQuery {
  readonly parts: readonly { readonly dims: number; readonly weight: number; readonly query: Vector }[];
}

/** Prepares the query prefixes (smallest scale first), each re-normalized. */
export function scaleQuery(query: Vector, scales: readonly RecallScale[] = DEFAULT_SCALES): ScaledQuery {
  const parts = [...scales]
    .sort((a, b) => a.dims - b.dims)
    .map(({ dims, weight }) => ({ dims, weight, query: truncateNormalize(query, dims) }));
  return { parts };
}

/**
 * Σ weight · cosine(q[:d], v[:d]) over the scales: the fine re-rank of coarse candidates.
 * Equal to comparing `truncateNormalize` of both sides, without copying the candidate.
 */
export function scoreAtScales(scaled: ScaledQuery, vector: Vector): number {
  let score = 0;
  for (const { dims, weight, query } of scaled.parts) {
    const prefix = vector.subarray(0, Math.min(dims, vector.length));
    const length = norm(prefix);
    score += length === 0 ? 0 : (weight * dot(query, prefix)) / length;
  }
  return score;
}
