import type { PatternName } from '../../spacetime/index.js';

import { PREFIX_REDUCTION, type EmbeddingReduction } from './embedding-reduction.js';
import {
  COUNT_SCALE,
  EIGENVALUE_SLOTS,
  EMBEDDING_DIMS,
  ENCODING_VERSION,
  MOTIF_SLOT,
  OBSERVATION_LAYOUT,
  OBSERVATION_SIZE,
  PATTERN_SLOT,
  RETRIEVAL_SOURCES,
  type RetrievalSourceName,
} from './layout.js';

/** What was recalled for the query, already summarized (see `summarizeRetrieval`). */
export interface RetrievalSummary {
  readonly hitCount: number;
  readonly topScore: number;
  readonly meanScore: number;
  /** Share of hits (0..1) each source found; a missing source counts as 0. */
  readonly sourceFractions: Readonly<Partial<Record<RetrievalSourceName, number>>>;
}

/** The retrieved subgraph's Laplacian spectrum, as the weave's features step computes it. */
export interface SpectralSummary {
  readonly eigenvalues: readonly number[];
  readonly fiedler: number;
  readonly components: number;
}

/** Everything one observation is built from; plain data, so learning needs no feature code. */
export interface ObservationInput {
  /**
   * The embedder's full query vector. obs-v1 (the default reduction) keeps its 96-dim prefix and
   * needs at least 96 dims; obs-v2 projects all of it (see `EmbeddingReduction`).
   */
  readonly queryEmbedding: Float32Array;
  /** Detected motif names. A name outside the vocabulary throws: see `encodeObservation`. */
  readonly motifs: readonly string[];
  readonly retrieval: RetrievalSummary;
  /** Absent (or null) when the pattern computes no spectrum: the block stays 0. */
  readonly spectral?: SpectralSummary | null;
  readonly pattern: PatternName;
}

/** An empty recall: no hits, no scores, no sources. */
export const NO_RETRIEVAL: RetrievalSummary = { hitCount: 0, topScore: 0, meanScore: 0, sourceFractions: {} };

const clamp01 = (value: number): number => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);

// Eigenvalues grow with node count and edge weights; x/(1+x) keeps them in [0, 1).
const squash = (value: number): number => (Number.isFinite(value) && value > 0 ? value / (1 + value) : 0);

/** Summarizes recalled hits (score and finding sources, as RecallHit has them) for the encoding. */
export function summarizeRetrieval(
  hits: readonly { readonly score: number; readonly sources: readonly RetrievalSourceName[] }[],
): RetrievalSummary {
  if (hits.length === 0) {
    return NO_RETRIEVAL;
  }
  const scores = hits.map((hit) => hit.score);
  const share = (source: RetrievalSourceName): number =>
    hits.filter((hit) => hit.sources.includes(source)).length / hits.length;
  return {
    hitCount: hits.length,
    topScore: Math.max(...scores),
    meanScore: scores.reduce((sum, score) => sum + score, 0) / scores.length,
    sourceFractions: Object.fromEntries(RETRIEVAL_SOURCES.map((source) => [source, share(source)])),
  };
}

function writeEmbedding(out: Float32Array, embedding: Float32Array, reduction: EmbeddingReduction): void {
  const reduced = reduction.reduce(embedding);
  if (reduced.length !== EMBEDDING_DIMS) {
    throw new RangeError(`The ${reduction.encodingVersion} reduction returned ${reduced.length} numbers, not ${EMBEDDING_DIMS}.`);
  }
  out.set(reduced, OBSERVATION_LAYOUT.embedding.offset);
}

function isKnownMotif(name: string): name is keyof typeof MOTIF_SLOT {
  return Object.hasOwn(MOTIF_SLOT, name);
}

/**
 * Unknown motif names are rejected, not skipped: the original's motif names never matched its
 * policy's vocabulary and its one-hot silently stayed empty. A mismatch here is a bug to surface.
 */
function writeMotifs(out: Float32Array, motifs: readonly string[]): void {
  for (const name of motifs) {
    if (!isKnownMotif(name)) {
      throw new RangeError(`Unknown motif "${name}"; the ${ENCODING_VERSION} vocabulary is ${Object.keys(MOTIF_SLOT).join(', ')}.`);
    }
    out[OBSERVATION_LAYOUT.motifs.offset + MOTIF_SLOT[name]] = 1;
  }
}

function writeRetrieval(out: Float32Array, retrieval: RetrievalSummary): void {
  const { offset } = OBSERVATION_LAYOUT.retrieval;
  out[offset] = clamp01(retrieval.hitCount / COUNT_SCALE);
  out[offset + 1] = clamp01(retrieval.topScore);
  out[offset + 2] = clamp01(retrieval.meanScore);
  RETRIEVAL_SOURCES.forEach((source, i) => {
    out[offset + 3 + i] = clamp01(retrieval.sourceFractions[source] ?? 0);
  });
}

function writeSpectral(out: Float32Array, spectral: SpectralSummary): void {
  const { offset } = OBSERVATION_LAYOUT.spectral;
  for (let i = 0; i < EIGENVALUE_SLOTS; i++) {
    out[offset + i] = squash(spectral.eigenvalues[i] ?? 0);
  }
  out[offset + EIGENVALUE_SLOTS] = squash(spectral.fiedler);
  out[offset + EIGENVALUE_SLOTS + 1] = clamp01(spectral.components / COUNT_SCALE);
}

function writePattern(out: Float32Array, pattern: PatternName): void {
  if (!Object.hasOwn(PATTERN_SLOT, pattern)) {
    throw new RangeError(`Unknown pattern "${pattern}"; expected BARE, FAST or FUSED.`);
  }
  out[OBSERVATION_LAYOUT.pattern.offset + PATTERN_SLOT[pattern]] = 1;
}

/**
 * The observation of one weave (OBSERVATION_SIZE floats; layout in layout.ts). `reduction` fills
 * the embedding block and names the version: obs-v1's 96-dim prefix unless told otherwise. Pure
 * and deterministic: equal inputs give bit-equal outputs. Throws RangeError for an embedding the
 * reduction cannot read (obs-v1: shorter than 96 dims or holding NaN/Infinity), an unknown motif
 * name or an unknown pattern; scores and counts out of range are clamped instead, since they are
 * measurements rather than vocabulary.
 */
export function encodeObservation(input: ObservationInput, reduction: EmbeddingReduction = PREFIX_REDUCTION): Float32Array {
  const out = new Float32Array(OBSERVATION_SIZE);
  writeEmbedding(out, input.queryEmbedding, reduction);
  writeMotifs(out, input.motifs);
  writeRetrieval(out, input.retrieval);
  if (input.spectral !== undefined && input.spectral !== null) {
    writeSpectral(out, input.spectral);
  }
  writePattern(out, input.pattern);
  return out;
}
