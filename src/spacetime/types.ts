import type { MemoryRecord, RetrievalSource } from '../memory/index.js';
import type { ErrorCode, ToolName } from '../shared/index.js';

/** The retrieval patterns of the original's cards; AUTO resolves to one of these. */
export type PatternName = 'BARE' | 'FAST' | 'FUSED';

/** One timed step of the weave cycle. */
export interface WeaveStep {
  readonly name: string;
  readonly durationMs: number;
  readonly detail: Readonly<Record<string, unknown>>;
  /** RSS change over the step's span, bytes: page-grained, a hint of what a step allocates. Absent on a cache hit. */
  readonly memoryDeltaBytes?: number;
}

/** Policy probability and bandit posterior mean for one tool. */
export interface ToolScore {
  readonly tool: ToolName;
  readonly probability: number;
  readonly banditMean: number;
}

/** A memory the answer drew on, with how it was found. */
export interface ContextHit {
  readonly memory: MemoryRecord;
  readonly score: number;
  readonly sources: readonly RetrievalSource[];
}

/** One woven answer with full provenance; persisted and queryable after a restart. */
export interface Spacetime {
  readonly id: string;
  readonly tenant: string;
  readonly query: string;
  readonly mode: PatternName;
  readonly tool: ToolName;
  readonly response: string;
  readonly confidence: number;
  readonly cacheHit: boolean;
  readonly durationMs: number;
  readonly createdAt: Date;
  readonly sessionId: string | null;
  readonly motifs: readonly string[];
  readonly context: readonly ContextHit[];
  readonly toolScores: readonly ToolScore[];
  readonly trace: readonly WeaveStep[];
  /** Policy bucket the decision was made in, so feedback updates the right posterior. */
  readonly bucket: string;
  readonly reward: number | null;
  readonly error: string | null;
  readonly errorCode: ErrorCode | null;
}

/** What a cache hit has of its own; everything else it repeats from the spacetime it hit. */
export type RepeatFields = Pick<Spacetime, 'id' | 'sessionId' | 'durationMs' | 'createdAt' | 'trace'>;

/** The trace of a cache hit: one step, the lookup, naming the spacetime it repeats. */
export function cacheHitTrace(durationMs: number, hitOf: string): readonly WeaveStep[] {
  return [{ name: 'cache', durationMs, detail: { hitOf } }];
}

/** Whether a repeat's trace is exactly `cacheHitTrace` of its own duration, so a store may rebuild it rather than keep it. */
export function hasCacheHitTrace({ trace, durationMs }: Pick<Spacetime, 'trace' | 'durationMs'>, hitOf: string): boolean {
  const [step, ...rest] = trace;
  if (step === undefined || rest.length > 0 || step.name !== 'cache' || step.durationMs !== durationMs || step.memoryDeltaBytes !== undefined) {
    return false;
  }
  const keys = Object.keys(step.detail);
  return keys.length === 1 && step.detail['hitOf'] === hitOf;
}

/** A cache hit on `original`: its answer and provenance, with an id, time and trace of its own. */
export function repeatSpacetime(original: Spacetime, own: RepeatFields): Spacetime {
  return { ...original, ...own, cacheHit: true, reward: null };
}

/** Where spacetimes live; the embedded default is SQLite, Neo4j stores Weave nodes. */
export interface SpacetimeStore {
  /**
   * Stores a spacetime. `repeatOf` names the stored spacetime a cache hit repeats (see
   * `repeatSpacetime`); a store may then keep only the repeat's own fields and a link.
   */
  save(spacetime: Spacetime, repeatOf?: string): Promise<void>;
  get(tenant: string, id: string): Promise<Spacetime | undefined>;
  /** Newest first. */
  list(tenant: string, limit: number, offset: number): Promise<Spacetime[]>;
  /** Records the reward and the feedback behind it; false when the spacetime does not exist. */
  setReward(tenant: string, id: string, reward: number, feedback?: Readonly<Record<string, unknown>>): Promise<boolean>;
  close(): Promise<void>;
}
