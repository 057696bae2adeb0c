/** How far and how wide a neighbourhood walk goes; both backends walk the same way. */

/** Caps that keep one neighbourhood answer small whatever the graph's density. */
export const MAX_NEIGHBOR_ENTITIES = 50;
export const MAX_NEIGHBOR_MEMORIES = 50;
/**
 * Memories read per ring, shared among the ring's entities (each gets its newest ones). Bounds
 * the cost around hub entities; `sharedMemories` then counts within this sample.
 */
export const RING_SAMPLE = 500;
export const MIN_SAMPLE_PER_ENTITY = 20;
const MIN_DEPTH = 1;
const MAX_DEPTH = 3;

/** Whole hops in 1..3 (anything unusable counts as 1). */
export function clampDepth(depth: number): number {
  const whole = Math.trunc(depth);
  return Number.isFinite(whole) ? Math.min(MAX_DEPTH, Math.max(MIN_DEPTH, whole)) : MIN_DEPTH;
}
