import type { MemoryStore, RecallHit } from '../memory/index.js';
import type { ToolName, Vector } from '../shared/index.js';

/** What a tool sees of one weave: who asks, what, and the memories retrieval found. */
export interface ToolContext {
  readonly tenant: string;
  readonly query: string;
  readonly sessionId: string | null;
  /** Recalled memories, best first. */
  readonly hits: readonly RecallHit[];
  /** The query's embedding, to judge hits by meaning when they share no words with it. */
  readonly queryVector?: Vector;
  readonly store: MemoryStore;
}

/** A tool's answer, built from data, with the memories it relied on. */
export interface ToolResult {
  readonly response: string;
  /** 0..1 */
  readonly confidence: number;
  /** Ids of the memories the response used. */
  readonly citations: readonly string[];
  readonly detail: Readonly<Record<string, unknown>>;
}

/** One action the policy can choose. */
export interface Tool {
  readonly name: ToolName;
  run(context: ToolContext): Promise<ToolResult>;
  /** Loads what the first run would otherwise wait for (called once the server is up). */
  prepare?(): Promise<void>;
}
