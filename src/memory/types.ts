import type { Vector } from '../shared/index.js';

/** Where a recall hit came from. */
export type RetrievalSource = 'VECTOR' | 'KEYWORD' | 'GRAPH' | 'RECENCY';

/** One stored memory as clients see it. */
export interface MemoryRecord {
  readonly id: string;
  readonly tenant: string;
  readonly text: string;
  readonly createdAt: Date;
  readonly tags: readonly string[];
  readonly entities: readonly string[];
  readonly source: string | null;
  readonly sessionId: string | null;
}

/** What a caller supplies to store one memory. */
export interface NewMemory {
  readonly text: string;
  readonly tags?: readonly string[];
  readonly source?: string | null;
  readonly sessionId?: string | null;
}

/** One Matryoshka scale used by a recall, with its weight in the fusion. */
export interface RecallScale {
  readonly dims: number;
  readonly weight: number;
}

/** A recall request. Vector search runs coarse-to-fine over `scales` (smallest first). */
export interface RecallQuery {
  readonly tenant: string;
  readonly text: string;
  readonly k: number;
  /** Query embedding at full size; embedded by the store when absent. */
  readonly vector?: Vector;
  /** @default [{ dims: 96, weight: 1 }] */
  readonly scales?: readonly RecallScale[];
  /** Whether to add BM25 keyword hits. @default true */
  readonly keyword?: boolean;
  /** Whether to add one graph hop through shared entities. @default true */
  readonly graph?: boolean;
  /** Recent memories of this session join the fusion as RECENCY hits. */
  readonly sessionId?: string | null;
  /** Overrides the store's fusion weights for this recall. */
  readonly sourceWeights?: SourceWeights;
  /** Only memories created inside this window (epoch ms, inclusive) are eligible. */
  readonly window?: { readonly startMs: number; readonly endMs: number };
}

/** How much each retriever counts in the fusion; a missing source counts 1. */
export type SourceWeights = Readonly<Partial<Record<RetrievalSource, number>>>;

/** A recalled memory with its fused score, the sources that found it and its vector. */
export interface RecallHit {
  readonly memory: MemoryRecord;
  readonly score: number;
  readonly sources: readonly RetrievalSource[];
  /** Full-size embedding of the memory (for attention over context). */
  readonly vector: Vector;
}

/** An entity near the centre of a neighbourhood. */
export interface NeighborEntity {
  readonly name: string;
  /** Hops from the centre entity (1 = co-mentioned in a memory). */
  readonly distance: number;
  /** Memories that link it to the previous ring. */
  readonly sharedMemories: number;
}

/** Entities and memories around one entity. */
export interface GraphNeighborhood {
  readonly entity: string;
  readonly found: boolean;
  readonly entities: readonly NeighborEntity[];
  readonly memories: readonly MemoryRecord[];
}

/** Turns texts into full-size unit vectors; injected so the store needs no embedding module. */
export type EmbedFn = (texts: readonly string[]) => Promise<Vector[]>;

/** The memory backend contract every implementation passes (test/contract). */
export interface MemoryStore {
  /** Backend name for health output, e.g. `embedded`. */
  readonly backend: string;
  /** Stores memories atomically; durable when the promise resolves. Order is preserved. */
  remember(tenant: string, memories: readonly NewMemory[]): Promise<MemoryRecord[]>;
  /** Loads memories by id (undefined where absent or in another tenant), in input order. */
  getMany(tenant: string, ids: readonly string[]): Promise<(MemoryRecord | undefined)[]>;
  /** Removes a memory and its links; false when it did not exist. */
  forget(tenant: string, id: string): Promise<boolean>;
  /** Fused vector + keyword + graph (+ session recency) retrieval, best first. */
  recall(query: RecallQuery): Promise<RecallHit[]>;
  /** Entities and memories within `depth` co-mention hops of `entity`. */
  neighborhood(tenant: string, entity: string, depth: number): Promise<GraphNeighborhood>;
  /** Number of memories stored for the tenant. */
  count(tenant: string): Promise<number>;
  /** Resolves when the backend answers; rejects with BACKEND_UNAVAILABLE otherwise. */
  ping(): Promise<void>;
  /** Resolves when background maintenance (e.g. an index fit) has finished; absent when there is none. */
  idle?(): Promise<void>;
  /** Flushes and releases files or connections. */
  close(): Promise<void>;
}
