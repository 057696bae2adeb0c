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
} from './types.js';
