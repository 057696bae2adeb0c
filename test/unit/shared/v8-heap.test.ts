import { afterAll, describe, expect, it } from 'vitest';

import { limitHeapGrowth, MAX_HEAP_GROWTH_PERCENT } from '../../../src/shared/index.js';

/** Peak heap size while short-lived-but-promoted garbage churns past a large live set. */
function peakHeapDuringChurn(): { liveBytes: number; peakBytes: number } {
  // ~70 MB that stays live, like a store's in-process indexes.
  const live = Array.from({ length: 400_000 }, (_, i) => ({ id: i, name: `entry ${i}`, tags: [i, i + 1] }));
  const liveBytes = process.memoryUsage().heapUsed;
  // Objects held across many young collections (a ring), so they reach old space, then die there.
  const ring = new Array<unknown>(20_000);
  let peakBytes = 0;
  for (let i = 0; i < 4_000_000; i++) {
    ring[i % ring.length] = { i, text: `request ${i}`, parts: [i, i * 2, i * 3] };
    if (i % 5_000 === 0) {
      peakBytes = Math.max(peakBytes, process.memoryUsage().heapTotal);
    }
  }
  expect(live).toHaveLength(400_000);
  return { liveBytes, peakBytes };
}

describe('limitHeapGrowth', () => {
  // Each test file runs in its own process; still, leave V8 as it was found.
  afterAll(() => {
    limitHeapGrowth(0);
  });

  it('takes whole percents from 0 to the maximum only', () => {
    expect(() => limitHeapGrowth(-1)).toThrow(RangeError);
    expect(() => limitHeapGrowth(12.5)).toThrow(/whole percent/);
    expect(() => limitHeapGrowth(MAX_HEAP_GROWTH_PERCENT + 1)).toThrow(/0 to 300/);
  });

  it('keeps the heap near its live size while promoted garbage churns', { timeout: 30_000 }, () => {
    limitHeapGrowth(20);
    const { liveBytes, peakBytes } = peakHeapDuringChurn();
    // Measured on this churn: V8's own growth peaks at ~4.5× the live heap, 20% at ~2.2×
    // (new space and fragmentation come on top of the 1.2×).
    expect(peakBytes / liveBytes).toBeLessThan(3);
  });
});
