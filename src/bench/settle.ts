import { setTimeout as sleep } from 'node:timers/promises';

export interface SettleOptions {
  /** Longest wait; the bench goes on after it, busy server or not. @default 300 */
  readonly maxS?: number;
  /** Length of one CPU sample. @default 1_000 */
  readonly windowMs?: number;
  /** Share of one core below which the server counts as idle. @default 0.1 */
  readonly idleShare?: number;
}

/**
 * Waits until a process stops working in the background, e.g. a projection refit that the last
 * seeded batches started, so that work lands in the seeding figures rather than in the first
 * scenario's. Asks `cpuSeconds` (the process's CPU time so far) once a window and resolves with
 * the seconds waited once a window used less than `idleShare` of a core; at once when CPU time
 * cannot be read.
 */
export async function waitUntilIdle(cpuSeconds: () => Promise<number | null>, options: SettleOptions = {}): Promise<number> {
  const { maxS = 300, windowMs = 1_000, idleShare = 0.1 } = options;
  const start = performance.now();
  let before = await cpuSeconds();
  while (before !== null && performance.now() - start < maxS * 1000) {
    const windowStart = performance.now();
    await sleep(windowMs);
    const after = await cpuSeconds();
    if (after === null || (after - before) / ((performance.now() - windowStart) / 1000) < idleShare) {
      break;
    }
    before = after;
  }
  return (performance.now() - start) / 1000;
}
