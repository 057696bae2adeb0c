/** The versioned observation and action encoding a learned tool policy reads and writes. */
export { ACTION_COUNT, ACTIONS, TOOL_INDEX, toolAt } from './actions.js';
export {
  COUNT_SCALE,
  EIGENVALUE_SLOTS,
  EMBEDDING_DIMS,
  ENCODING_VERSION,
  ENCODING_VERSIONS,
  MOTIF_SLOT,
  OBSERVATION_LAYOUT,
  OBSERVATION_SIZE,
  PATTERN_SLOT,
  RETRIEVAL_SOURCES,
  type EncodingVersion,
  type RetrievalSourceName,
} from './layout.js';
export {
  fitPcaReduction,
  pcaReductionFrom,
  PREFIX_REDUCTION,
  type EmbeddingReduction,
  type PcaReduction,
  type StoredPcaReduction,
} from './embedding-reduction.js';
export { EMBEDDING_REDUCTION_FILE, loadEmbeddingReduction, saveEmbeddingReduction } from './reduction-file.js';
export {
  encodeObservation,
  NO_RETRIEVAL,
  summarizeRetrieval,
  type ObservationInput,
  type RetrievalSummary,
  type SpectralSummary,
} from './observation.js';
