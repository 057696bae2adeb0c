import type { MotifName } from '../../shared/index.js';
import type { PatternName } from '../../spacetime/index.js';

/**
 * Names the layout below. Stored with every experience, so a buffer filled under one layout is
 * never fed to a network trained on another. Bump it whenever any slot moves or changes meaning.
 * This is the version the server encodes weaves with (the embedding's 96-dim prefix).
 */
export const ENCODING_VERSION = 'obs-v1';

/**
 * Every version this build can encode. obs-v2 keeps obs-v1's slots and only changes what the
 * embedding block holds: a PCA to 96 dims fitted on the training queries' embeddings instead of
 * the 96-dim prefix (see embedding-reduction.ts; docs/learning-encoding.md says why).
 */
export const ENCODING_VERSIONS = [ENCODING_VERSION, 'obs-v2'] as const;
export type EncodingVersion = (typeof ENCODING_VERSIONS)[number];

/** Query embedding dims kept: the Matryoshka 96 prefix, the scale every pattern card has. */
export const EMBEDDING_DIMS = 96;

/**
 * One-hot slot of each motif. Spelled out (not MOTIF_NAMES order) so that a motif added to the
 * shared vocabulary fails to compile here instead of shifting every later slot.
 */
export const MOTIF_SLOT = {
  question: 0,
  definition: 1,
  comparison: 2,
  'cause-effect': 3,
  condition: 4,
  arithmetic: 5,
  remember: 6,
  command: 7,
  listing: 8,
  'relation-lookup': 9,
  temporal: 10,
  greeting: 11,
} as const satisfies Readonly<Record<MotifName, number>>;

/** Where a recalled memory came from; mirrors the memory module's RetrievalSource. */
export type RetrievalSourceName = 'VECTOR' | 'KEYWORD' | 'GRAPH' | 'RECENCY';

/** Source-mix slot order inside the retrieval block. */
export const RETRIEVAL_SOURCES = ['VECTOR', 'KEYWORD', 'GRAPH', 'RECENCY'] as const satisfies readonly RetrievalSourceName[];

/** Pattern one-hot slots. */
export const PATTERN_SLOT = { BARE: 0, FAST: 1, FUSED: 2 } as const satisfies Readonly<Record<PatternName, number>>;

/** Eigenvalue slots: the FUSED card computes 4, FAST 2 (padded with 0), BARE none. */
export const EIGENVALUE_SLOTS = 4;

/** Hit counts and component counts saturate here; no card retrieves more than 10. */
export const COUNT_SCALE = 10;

const MOTIF_COUNT = Object.keys(MOTIF_SLOT).length;
/** hitCount, topScore, meanScore, then one fraction per source. */
const RETRIEVAL_LENGTH = 3 + RETRIEVAL_SOURCES.length;
/** The eigenvalues, the Fiedler value, the component count. */
const SPECTRAL_LENGTH = EIGENVALUE_SLOTS + 2;
const PATTERN_COUNT = Object.keys(PATTERN_SLOT).length;

const offsets = {
  embedding: 0,
  motifs: EMBEDDING_DIMS,
  retrieval: EMBEDDING_DIMS + MOTIF_COUNT,
  spectral: EMBEDDING_DIMS + MOTIF_COUNT + RETRIEVAL_LENGTH,
  pattern: EMBEDDING_DIMS + MOTIF_COUNT + RETRIEVAL_LENGTH + SPECTRAL_LENGTH,
};

/**
 * The obs-v1 observation (124 floats, every value in [-1, 1]); docs/learning-encoding.md has the
 * slot-by-slot table.
 *
 * | block     | offset | length | content                                                                 |
 * |-----------|-------:|-------:|-------------------------------------------------------------------------|
 * | embedding |      0 |     96 | query embedding's first 96 components, re-normalized to unit length     |
 * | motifs    |     96 |     12 | 1 where the motif was detected (MOTIF_SLOT order)                       |
 * | retrieval |    108 |      7 | min(hits/10, 1), top score, mean score, then the fraction of hits each  |
 * |           |        |        | source found: VECTOR, KEYWORD, GRAPH, RECENCY (a hit may count for many)|
 * | spectral  |    115 |      6 | 4 smallest Laplacian eigenvalues and the Fiedler value, each x/(1+x);   |
 * |           |        |        | then min(components/10, 1). All 0 when the weave computed no spectrum   |
 * | pattern   |    121 |      3 | one-hot BARE, FAST, FUSED                                               |
 */
export const OBSERVATION_LAYOUT = {
  embedding: { offset: offsets.embedding, length: EMBEDDING_DIMS },
  motifs: { offset: offsets.motifs, length: MOTIF_COUNT },
  retrieval: { offset: offsets.retrieval, length: RETRIEVAL_LENGTH },
  spectral: { offset: offsets.spectral, length: SPECTRAL_LENGTH },
  pattern: { offset: offsets.pattern, length: PATTERN_COUNT },
} as const;

/** Length of every obs-v1 observation (124). */
export const OBSERVATION_SIZE = offsets.pattern + PATTERN_COUNT;
