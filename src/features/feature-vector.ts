import { BadInputError, MOTIF_NAMES } from '../shared/index.js';

import type { Motif } from './motifs.js';

/** The weave patterns, in one-hot order. */
export const PATTERN_NAMES = ['BARE', 'FAST', 'FUSED'] as const;
export type PatternName = (typeof PATTERN_NAMES)[number];

/** Everything the policy observes about one weave before it picks a tool. */
export interface FeatureInput {
  /** The query embedding at the 96-dim Matryoshka scale. */
  readonly queryVector96: Float32Array;
  readonly motifs: readonly Motif[];
  readonly retrieval: { readonly hitCount: number; readonly topScore: number; readonly meanScore: number };
  readonly spectral: { readonly eigenvalues: readonly number[]; readonly fiedler: number };
  readonly pattern: PatternName;
}

const EMBEDDING_DIMS = 96;
const EIGENVALUE_SLOTS = 4;
/** Hit counts saturate here; retrieval k never exceeds 10 (the FUSED card). */
const HIT_COUNT_SCALE = 10;

/**
 * Where each group lives in the feature vector (offset, length):
 * embedding 0..95 · motif scores 96..107 (MOTIF_NAMES order) · retrieval 108..110
 * (hitCount/10 capped at 1, topScore, meanScore) · spectral 111..115 (4 smallest Laplacian
 * eigenvalues then fiedler, each squashed by x/(1+x) into [0, 1)) · pattern one-hot 116..118.
 */
export const FEATURE_LAYOUT = {
  embedding: { offset: 0, length: EMBEDDING_DIMS },
  motifs: { offset: EMBEDDING_DIMS, length: MOTIF_NAMES.length },
  retrieval: { offset: EMBEDDING_DIMS + MOTIF_NAMES.length, length: 3 },
  spectral: { offset: EMBEDDING_DIMS + MOTIF_NAMES.length + 3, length: EIGENVALUE_SLOTS + 1 },
  pattern: {
    offset: EMBEDDING_DIMS + MOTIF_NAMES.length + 3 + EIGENVALUE_SLOTS + 1,
    length: PATTERN_NAMES.length,
  },
} as const;

/** Length of every encoded feature vector (119). */
export const FEATURE_VECTOR_LENGTH = FEATURE_LAYOUT.pattern.offset + FEATURE_LAYOUT.pattern.length;

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

// Laplacian eigenvalues grow with node count and weights; squashing keeps the input bounded.
function squash(value: number): number {
  return Number.isFinite(value) && value > 0 ? value / (1 + value) : 0;
}

function writeMotifs(out: Float32Array, motifs: readonly Motif[]): void {
  for (const motif of motifs) {
    const slot = FEATURE_LAYOUT.motifs.offset + MOTIF_NAMES.indexOf(motif.name);
    out[slot] = Math.max(out[slot] ?? 0, clamp01(motif.score));
  }
}

function writeRetrieval(out: Float32Array, retrieval: FeatureInput['retrieval']): void {
  const { offset } = FEATURE_LAYOUT.retrieval;
  out[offset] = clamp01(retrieval.hitCount / HIT_COUNT_SCALE);
  out[offset + 1] = clamp01(retrieval.topScore);
  out[offset + 2] = clamp01(retrieval.meanScore);
}

function writeSpectral(out: Float32Array, spectral: FeatureInput['spectral']): void {
  const { offset } = FEATURE_LAYOUT.spectral;
  for (let i = 0; i < EIGENVALUE_SLOTS; i++) {
    out[offset + i] = squash(spectral.eigenvalues[i] ?? 0);
  }
  out[offset + EIGENVALUE_SLOTS] = squash(spectral.fiedler);
}

/** The policy's observation: a fixed-layout Float32Array of FEATURE_VECTOR_LENGTH numbers. */
export function encodeFeatures(input: FeatureInput): Float32Array {
  if (input.queryVector96.length !== EMBEDDING_DIMS) {
    const dims = input.queryVector96.length;
    throw new BadInputError(`queryVector96 has ${dims} dims; truncate it to ${EMBEDDING_DIMS} first.`);
  }
  const out = new Float32Array(FEATURE_VECTOR_LENGTH);
  out.set(input.queryVector96, FEATURE_LAYOUT.embedding.offset);
  writeMotifs(out, input.motifs);
  writeRetrieval(out, input.retrieval);
  writeSpectral(out, input.spectral);
  out[FEATURE_LAYOUT.pattern.offset + PATTERN_NAMES.indexOf(input.pattern)] = 1;
  return out;
}
