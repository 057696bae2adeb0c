/** MemoryStore port, fusion and entity extraction, and the embedded backend. */
export type {
  EmbedFn,
  GraphNeighborhood,
  MemoryRecord,
  MemoryStore,
  NeighborEntity,
  NewMemory,
  RecallHit,
  RecallQuery,
  RecallScale,
  RetrievalSource,
  SourceWeights,
} from './types.js';
/** Names in a text (capitalized runs, acronyms, CamelCase) and their normalized lookup form. */
export { extractEntities, normalizeEntityName, MAX_ENTITIES_PER_TEXT } from './entities.js';
/** Weighted reciprocal rank fusion of ranked lists, scores normalized to 0..1, and its profiles. */
export {
  FUSION_PROFILES,
  reciprocalRankFusion,
  RRF_K,
  type FusedItem,
  type FusionProfile,
  type RankedList,
} from './fusion.js';
/** The default backend: one SQLite file plus an in-process usearch vector index. */
export {
  createEmbeddedMemoryStore,
  type EmbeddedMemoryStoreOptions,
} from './backends/embedded/embedded-memory-store.js';
export type { EmbeddedMemoryStore } from './backends/embedded/store-facade.js';
/**
 * The Neo4j backend (docs/graph-model.md) over a shared GraphDb connection, loaded on first use:
 * neo4j-driver takes ~0.25 s and ~25 MB of RSS to load, which the embedded default never needs.
 */
export { loadNeo4jMemoryStore } from './load-neo4j.js';
export type { Neo4jMemoryStoreOptions } from './backends/neo4j/neo4j-memory-store.js';
