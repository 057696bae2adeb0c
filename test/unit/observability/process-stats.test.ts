import { describe, expect, it } from 'vitest';

import { createNodeProcessProbe, createProcessSampler, type ProcessProbe } from '../../../src/observability/index.js';
import { createFakeClock } from './fake-clock.js';

const MIB = 1024 * 1024;

function fakeProbe() {
  const state = { cpuMicros: 2_000_000, loopReads: 0, closed: false };
  const probe: ProcessProbe = {
    cpuMicros: () => state.cpuMicros,
    rssBytes: () => 300 * MIB,
    heapUsedBytes: () => 120 * MIB,
    eventLoopDelayP99Ms: () => {
      state.loopReads++;
      return 12.5;
    },
    uptimeSeconds: () => 42,
    close: () => {
      state.closed = true;
    },
  };
  return { probe, state };
}

describe('process sampler', () => {
  it('reports CPU time over wall time between samples as a percentage of one core', () => {
    const { clock, advance } = createFakeClock();
    const { probe, state } = fakeProbe();
    const sampler = createProcessSampler({ probe, clock });
    advance(1_000);
    state.cpuMicros += 500_000; // half a core for a second
    expect(sampler.sample()).toEqual({ cpuPercent: 50, rssMb: 300, heapUsedMb: 120, eventLoopDelayP99Ms: 12.5, uptimeSeconds: 42 });
    advance(2_000);
    state.cpuMicros += 3_000_000; // one and a half cores for two seconds
    expect(sampler.sample().cpuPercent).toBe(150);
  });

  it('samples at most once per 250 ms, however many ask', () => {
    const { clock, advance } = createFakeClock();
    const { probe, state } = fakeProbe();
    const sampler = createProcessSampler({ probe, clock });
    advance(1_000);
    const first = sampler.sample();
    for (let i = 0; i < 1_000; i++) {
      expect(sampler.sample()).toBe(first);
    }
    advance(249);
    state.cpuMicros += 249_000;
    expect(sampler.sample()).toBe(first);
    expect(state.loopReads).toBe(1);
    advance(1);
    state.cpuMicros += 1_000;
    const second = sampler.sample();
    expect(second).not.toBe(first);
    expect(second.cpuPercent).toBe(100);
    expect(state.loopReads).toBe(2);
  });

  it('reads 0 % when no wall time has passed, and closes its probe', () => {
    const { clock } = createFakeClock();
    const { probe, state } = fakeProbe();
    const sampler = createProcessSampler({ probe, clock });
    expect(sampler.sample().cpuPercent).toBe(0);
    sampler.close();
    expect(state.closed).toBe(true);
  });

  it('reads the real process', async () => {
    const probe = createNodeProcessProbe();
    try {
      const cpuBefore = probe.cpuMicros();
      let spin = 0;
      for (let i = 0; i < 1e6; i++) {
        spin += Math.sqrt(i);
      }
      expect(spin).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(probe.cpuMicros()).toBeGreaterThan(cpuBefore);
      expect(probe.rssBytes()).toBeGreaterThan(probe.heapUsedBytes());
      expect(probe.eventLoopDelayP99Ms()).toBeGreaterThanOrEqual(0);
      expect(probe.uptimeSeconds()).toBeGreaterThan(0);
    } finally {
      probe.close();
    }
  });
});
