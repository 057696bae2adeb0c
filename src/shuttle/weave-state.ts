import type { Embedder } from '../embedding/index.js';
import type { MemoryStore, RecallHit } from '../memory/index.js';
import type { Decision, Policy, ScoredMotif } from '../policy/index.js';
import type { Clock, ErrorCode, ToolName, Vector } from '../shared/index.js';
import type { PatternName, Spacetime } from '../spacetime/index.js';
import type { Tool, ToolResult } from '../tools/index.js';

import type { Complexity } from './complexity.js';
import type { PatternCard } from './patterns.js';
import type { TemporalWindow } from './temporal-window.js';

/** The requested mode; AUTO lets the pattern step choose. */
export type WeaveMode = 'AUTO' | PatternName;

/** A validated weave request. */
export interface WeaveRequest {
  readonly id: string;
  readonly tenant: string;
  readonly query: string;
  readonly mode: WeaveMode;
  readonly sessionId: string | null;
  readonly useCache: boolean;
  /** Forces a tool, skipping the policy. */
  readonly tool: ToolName | null;
  /**
   * True when the server minted `id` for this request: no stored spacetime can have it, so the
   * duplicate-id read is skipped. Absent or false: a client chose it and it is checked.
   */
  readonly freshId?: boolean;
}

/** Attention of the query over its context. */
export interface WarpResult {
  readonly weights: readonly number[];
  readonly summary: Vector;
  readonly entropy: number;
}

/** What the steps have produced so far; each step fills its part. */
export interface WeaveState {
  readonly request: WeaveRequest;
  readonly startedAtMs: number;
  card?: PatternCard;
  complexity?: Complexity;
  window?: TemporalWindow;
  queryVector?: Vector;
  hits?: readonly RecallHit[];
  motifs?: readonly ScoredMotif[];
  features?: Float32Array;
  warp?: WarpResult;
  decision?: Decision;
  result?: ToolResult;
  spacetime?: Spacetime;
}

/** The retrieved subgraph's Laplacian spectrum (empty when the pattern computes none). */
export interface Spectrum {
  readonly eigenvalues: readonly number[];
  readonly fiedler: number;
  readonly components: number;
}

/** What the policy's observation is made of; learning owns the layout (see `StepDeps.observe`). */
export interface ObservationParts {
  readonly queryVector: Vector;
  readonly motifs: readonly ScoredMotif[];
  readonly hits: readonly Pick<RecallHit, 'score' | 'sources'>[];
  readonly spectrum: Spectrum | null;
  readonly pattern: PatternName;
}

/** An experience handed to learning after each weave: the observation the policy decided on, and the decision. */
export interface Experience {
  readonly spacetimeId: string;
  readonly tenant: string;
  /** The encoded observation (`StepDeps.observe`), exactly as the policy saw it. */
  readonly features: Float32Array;
  readonly tool: ToolName;
  readonly bucket: string;
  readonly confidence: number;
  readonly durationMs: number;
  readonly pattern: PatternName;
  /** The policy's probability for every tool when it decided (one-hot for a forced tool). */
  readonly probabilities: Readonly<Record<ToolName, number>>;
  readonly errorCode: ErrorCode | null;
}

/** Where experiences go; the learning module connects here, the shuttle never imports it. */
export interface ExperienceSink {
  record(experience: Experience): void;
}

/** Everything the steps may use. */
export interface StepDeps {
  readonly store: MemoryStore;
  readonly embedder: Embedder;
  readonly policy: Policy;
  readonly tools: ReadonlyMap<ToolName, Tool>;
  readonly experiences: ExperienceSink;
  /**
   * Encodes the policy's observation. Injected because learning owns the versioned layout that
   * its networks and stored experiences share; the shuttle never imports learning.
   */
  readonly observe: (parts: ObservationParts) => Float32Array;
  readonly clock: Clock;
}

/** One step of the cycle: reads the state, returns what it adds and a detail for the trace. */
export interface WeaveStepDefinition {
  readonly name: string;
  run(state: WeaveState, deps: StepDeps): Promise<StepOutput> | StepOutput;
}

/** A step's contribution to the state plus what the trace should show about it. */
export interface StepOutput {
  readonly patch: Partial<Omit<WeaveState, 'request' | 'startedAtMs'>>;
  readonly detail: Readonly<Record<string, unknown>>;
}

/** Reads a field an earlier step must have set; a missing one is a wiring bug. */
export function need<K extends keyof WeaveState>(state: WeaveState, key: K): NonNullable<WeaveState[K]> {
  const value = state[key];
  if (value === undefined) {
    throw new Error(`Weave step order bug: "${key}" is not set yet.`);
  }
  return value;
}
