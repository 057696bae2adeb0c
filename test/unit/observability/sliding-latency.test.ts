import { describe, expect, it } from 'vitest';

import { createSlidingLatency, EMPTY_LATENCY } from '../../../src/observability/index.js';
import { createFakeClock } from './fake-clock.js';

const within = (actual: number, expected: number, relative: number): void => {
  expect(Math.abs(actual - expected) / expected).toBeLessThanOrEqual(relative);
};

describe('sliding latency', () => {
  it('is all zeros before any sample', () => {
    expect(createSlidingLatency({ clock: createFakeClock().clock }).summary()).toEqual(EMPTY_LATENCY);
  });

  it('summarizes 1..1000 ms to HDR precision, with exact mean and max', () => {
    const latency = createSlidingLatency({ clock: createFakeClock().clock });
    for (let ms = 1; ms <= 1000; ms++) {
      latency.record(ms);
    }
    const summary = latency.summary();
    expect(summary.count).toBe(1000);
    expect(summary.meanMs).toBe(500.5);
    expect(summary.maxMs).toBe(1000);
    // Two significant digits: within 1% of the true percentile.
    within(summary.p50Ms, 500, 0.01);
    within(summary.p95Ms, 950, 0.01);
    within(summary.p99Ms, 990, 0.01);
  });

  it('keeps microseconds apart and never reports a percentile above the max', () => {
    const latency = createSlidingLatency({ clock: createFakeClock().clock });
    [0.12, 0.12, 0.12, 0.5].forEach((ms) => latency.record(ms));
    const summary = latency.summary();
    within(summary.p50Ms, 0.12, 0.01);
    expect(summary.p99Ms).toBeLessThanOrEqual(summary.maxMs);
    expect(summary.maxMs).toBe(0.5);
  });

  it('counts negative and NaN durations as zero', () => {
    const latency = createSlidingLatency({ clock: createFakeClock().clock });
    latency.record(-5);
    latency.record(Number.NaN);
    expect(latency.summary()).toMatchObject({ count: 2, meanMs: 0, maxMs: 0, p99Ms: 0 });
  });

  it('drops samples a slice at a time once they are 60 s old', () => {
    const { clock, advance } = createFakeClock();
    const latency = createSlidingLatency({ clock });
    latency.record(100); // slice 0
    advance(30_000);
    latency.record(10); // slice 3
    advance(29_999); // still slice 5: both in the window
    expect(latency.summary()).toMatchObject({ count: 2, maxMs: 100 });
    advance(1); // slice 6 reuses slice 0's slot: the 100 ms sample is gone
    expect(latency.summary()).toMatchObject({ count: 1, maxMs: 10, meanMs: 10 });
    advance(30_000); // slice 9: the 10 ms sample is gone too
    expect(latency.summary()).toEqual(EMPTY_LATENCY);
  });

  it('resets a reused slot before recording into it', () => {
    const { clock, advance } = createFakeClock();
    const latency = createSlidingLatency({ clock });
    latency.record(100);
    advance(60_000); // same slot, next lap
    latency.record(1);
    expect(latency.summary()).toMatchObject({ count: 1, maxMs: 1 });
  });

  it('serves a cached summary until something changes', () => {
    const { clock, advance } = createFakeClock();
    const latency = createSlidingLatency({ clock });
    latency.record(5);
    const first = latency.summary();
    expect(latency.summary()).toBe(first);
    latency.record(7);
    const second = latency.summary();
    expect(second).not.toBe(first);
    expect(second.count).toBe(2);
    advance(10_000);
    expect(latency.summary()).not.toBe(second);
  });
});
