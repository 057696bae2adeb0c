import { describe, expect, it } from 'vitest';

import { waitUntilIdle } from '../../../src/bench/settle.js';

/** CPU time that grows by a full core for `busyWindows` reads, then stops growing. */
function busyFor(busyWindows: number): { cpu: () => Promise<number>; reads: () => number } {
  let reads = 0;
  let total = 0;
  return {
    cpu: () => {
      total += reads > 0 && reads <= busyWindows ? 1 : 0;
      reads++;
      return Promise.resolve(total);
    },
    reads: () => reads,
  };
}

describe('waitUntilIdle', () => {
  it('waits while the process is busy and stops at the first idle window', async () => {
    const server = busyFor(3);
    const waited = await waitUntilIdle(server.cpu, { windowMs: 5 });
    // One baseline read, three busy windows, one idle window.
    expect(server.reads()).toBe(5);
    expect(waited).toBeGreaterThan(0);
  });

  it('gives up after maxS on a process that never rests', async () => {
    let total = 0;
    const waited = await waitUntilIdle(() => Promise.resolve((total += 1)), { windowMs: 5, maxS: 0.05 });
    expect(waited).toBeGreaterThanOrEqual(0.05);
    expect(waited).toBeLessThan(1);
  });

  it('does not wait when CPU time cannot be read', async () => {
    expect(await waitUntilIdle(() => Promise.resolve(null), { windowMs: 1_000 })).toBeLessThan(0.5);
  });
});
