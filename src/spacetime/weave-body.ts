import type { MemoryRecord } from '../memory/index.js';

import type { ContextHit, Spacetime } from './types.js';

/** What JSON makes of a memory record: its Date becomes an ISO string. */
type JsonMemory = Omit<MemoryRecord, 'createdAt'> & { readonly createdAt: string };
type JsonHit = Omit<ContextHit, 'memory'> & { readonly memory: JsonMemory };

/** A Weave's `body`: the Spacetime minus its reward (a property of its own, since feedback changes it). */
type JsonBody = Omit<Spacetime, 'reward' | 'createdAt' | 'context'> & {
  readonly createdAt: string;
  readonly context: readonly JsonHit[];
};

/** The Spacetime as the JSON kept in `Weave.body`; the reward is left out. */
export function toWeaveBody(spacetime: Spacetime): string {
  // JSON drops keys whose value is undefined.
  return JSON.stringify({ ...spacetime, reward: undefined });
}

/**
 * Rebuilds the saved Spacetime from its body and the current reward. Only the two places a
 * Spacetime holds a Date are revived, so a trace detail that happens to be named `createdAt`
 * comes back exactly as it was written.
 */
export function fromWeaveBody(body: string, reward: number | null): Spacetime {
  const parsed = JSON.parse(body) as JsonBody;
  return {
    ...parsed,
    createdAt: new Date(parsed.createdAt),
    context: parsed.context.map((hit) => ({ ...hit, memory: { ...hit.memory, createdAt: new Date(hit.memory.createdAt) } })),
    reward,
  };
}

/** One `USED` link to create: the memory's id, its fused score and its 1-based rank. */
export interface UsedMemory {
  readonly id: string;
  readonly score: number;
  readonly rank: number;
}

/**
 * The memories a weave drew on, with their rank in the context. A memory listed twice keeps its
 * best rank only (one link, one access). Sorted by id so that concurrent saves lock shared
 * memories in the same order and cannot deadlock each other.
 */
export function usedMemories(spacetime: Spacetime): UsedMemory[] {
  const byId = new Map<string, UsedMemory>();
  spacetime.context.forEach((hit, index) => {
    if (!byId.has(hit.memory.id)) {
      byId.set(hit.memory.id, { id: hit.memory.id, score: hit.score, rank: index + 1 });
    }
  });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
