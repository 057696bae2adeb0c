import { describe, expect, it } from 'vitest';

import { combineLoads, type LoadRun } from '../../../src/bench/load.js';
import { summarize } from '../../../src/bench/stats.js';

const loadRun = (requests: number, durationS: number, samples: number[], errors = 0): LoadRun => ({
  requests,
  durationS,
  requestsPerSecond: requests / durationS,
  latency: summarize(samples),
  errors,
  cacheHits: requests,
  samples,
});

describe('combineLoads', () => {
  it('counts the rounds’ requests over their summed time, and summarizes every response together', () => {
    const combined = combineLoads([loadRun(300, 1, [1, 2, 3]), loadRun(100, 1, [10], 2)]);
    expect(combined).toMatchObject({ requests: 400, durationS: 2, requestsPerSecond: 200, errors: 2, cacheHits: 400 });
    expect(combined.latency).toMatchObject({ count: 4, min: 1, max: 10, mean: 4 });
  });

  it('gives zero throughput for no runs rather than NaN', () => {
    expect(combineLoads([]).requestsPerSecond).toBe(0);
  });
});
