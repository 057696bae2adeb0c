import { describe, expect, it } from 'vitest';

import {
  createMetricsCollector,
  type MetricsSink,
  type ProcessStats,
  type WeaveRecord,
} from '../../../src/observability/index.js';
import { createFakeClock } from './fake-clock.js';

const PROCESS: ProcessStats = { cpuPercent: 12, rssMb: 200, heapUsedMb: 80, eventLoopDelayP99Ms: 3, uptimeSeconds: 9 };

const weave = (overrides: Partial<WeaveRecord> = {}): WeaveRecord => ({
  mode: 'FAST',
  complexity: 'LITE',
  tool: 'ANSWER',
  durationMs: 20,
  cacheHit: false,
  cacheLookedUp: true,
  errorCode: null,
  errorStage: null,
  ...overrides,
});

function collector(sinks: MetricsSink[] = []) {
  const fake = createFakeClock();
  return { ...fake, metrics: createMetricsCollector({ clock: fake.clock, processStats: () => PROCESS, sinks }) };
}

describe('metrics collector', () => {
  it('starts empty, with the weave cache and quiet defaults', () => {
    const { metrics, start } = collector();
    expect(metrics.snapshot()).toEqual({
      takenAt: new Date(start),
      weaves: 0,
      weaveErrors: 0,
      latency: { count: 0, meanMs: 0, p50Ms: 0, p95Ms: 0, p99Ms: 0, maxMs: 0 },
      throughput: { perSecond10s: 0, perSecond60s: 0 },
      operations: [],
      modes: [],
      caches: [{ name: 'weave', hits: 0, misses: 0, hitRate: 0, size: 0 }],
      tools: [],
      patterns: [],
      process: PROCESS,
      connections: { websockets: 0, subscriptions: 0 },
      training: { running: 0, finished: 0, lastUpdate: null },
    });
  });

  it('counts weaves, errors and latency per mode, sorted by name', () => {
    const { metrics } = collector();
    metrics.recordWeave(weave({ mode: 'FUSED', durationMs: 90, errorCode: 'TIMEOUT', errorStage: 'retrieve' }));
    metrics.recordWeave(weave({ mode: 'FAST', durationMs: 30 }));
    metrics.recordWeave(weave({ mode: 'BARE', durationMs: 10 }));
    metrics.recordWeave(weave({ mode: 'FAST', durationMs: 50 }));
    const snapshot = metrics.snapshot();
    expect(snapshot).toMatchObject({ weaves: 4, weaveErrors: 1 });
    expect(snapshot.latency).toMatchObject({ count: 4, meanMs: 45, maxMs: 90 });
    expect(snapshot.modes.map(({ name, total, errors, latency }) => [name, total, errors, latency.count, latency.maxMs])).toEqual([
      ['BARE', 1, 0, 1, 10],
      ['FAST', 2, 0, 2, 50],
      ['FUSED', 1, 1, 1, 90],
    ]);
  });

  it('sorts tools and patterns by count, then by name', () => {
    const { metrics } = collector();
    const picks: [WeaveRecord['mode'], string][] = [
      ['FUSED', 'SEARCH'],
      ['BARE', 'CALC'],
      ['FAST', 'ANSWER'],
      ['FAST', 'SEARCH'],
      ['BARE', 'ANSWER'],
      ['FAST', 'NOTE'],
      ['FUSED', ''], // failed before a tool was chosen: counts as a weave, not as a tool
    ];
    picks.forEach(([mode, tool]) => metrics.recordWeave(weave({ mode, tool })));
    const { tools, patterns } = metrics.snapshot();
    expect(tools).toEqual([
      { name: 'ANSWER', count: 2 },
      { name: 'SEARCH', count: 2 },
      { name: 'CALC', count: 1 },
      { name: 'NOTE', count: 1 },
    ]);
    expect(patterns).toEqual([
      { name: 'FAST', count: 3 },
      { name: 'BARE', count: 2 },
      { name: 'FUSED', count: 2 },
    ]);
  });

  it('counts weave cache hits and misses only for weaves that looked the cache up', () => {
    const { metrics } = collector();
    metrics.recordWeave(weave({ cacheLookedUp: true, cacheHit: true }));
    metrics.recordWeave(weave({ cacheLookedUp: true, cacheHit: true }));
    metrics.recordWeave(weave({ cacheLookedUp: true, cacheHit: false }));
    metrics.recordWeave(weave({ cacheLookedUp: false, cacheHit: false }));
    expect(metrics.snapshot().caches).toEqual([{ name: 'weave', hits: 2, misses: 1, hitRate: 2 / 3, size: 0 }]);
  });

  it('reads registered caches at snapshot time, sorted by name; a `weave` provider wins', () => {
    const { metrics } = collector();
    const embedding = { hits: 0, misses: 0, size: 0 };
    metrics.registerCache('embedding', () => embedding);
    metrics.registerCache('answers', () => ({ hits: 1, misses: 3, size: 4 }));
    metrics.recordWeave(weave({ cacheHit: true }));
    expect(metrics.snapshot().caches.map(({ name, hitRate }) => [name, hitRate])).toEqual([
      ['answers', 0.25],
      ['embedding', 0],
      ['weave', 1],
    ]);
    Object.assign(embedding, { hits: 9, misses: 1, size: 10 });
    metrics.registerCache('weave', () => ({ hits: 5, misses: 5, size: 7 }));
    expect(metrics.snapshot().caches).toEqual([
      { name: 'answers', hits: 1, misses: 3, hitRate: 0.25, size: 4 },
      { name: 'embedding', hits: 9, misses: 1, hitRate: 0.9, size: 10 },
      { name: 'weave', hits: 5, misses: 5, hitRate: 0.5, size: 7 },
    ]);
  });

  it('keeps per-operation totals, errors and latency, sorted by name', () => {
    const { metrics } = collector();
    metrics.recordOperation('weave', 40, false);
    metrics.recordOperation('recall', 5, false);
    metrics.recordOperation('weave', 60, true);
    metrics.recordOperation('rememberMany', 12, false);
    expect(metrics.snapshot().operations.map(({ name, total, errors, latency }) => [name, total, errors, latency.meanMs])).toEqual([
      ['recall', 1, 0, 5],
      ['rememberMany', 1, 0, 12],
      ['weave', 2, 1, 50],
    ]);
  });

  it('reports weave throughput and forgets latency past the window', () => {
    const { metrics, advance } = collector();
    for (let i = 0; i < 20; i++) {
      metrics.recordWeave(weave());
      advance(500);
    }
    // 20 weaves in the last 10 s; the minute window holds the same 20 over its 59 s span.
    expect(metrics.snapshot().throughput).toEqual({ perSecond10s: 2, perSecond60s: 20 / 59 });
    advance(60_000);
    const later = metrics.snapshot();
    expect(later.throughput).toEqual({ perSecond10s: 0, perSecond60s: 0 });
    expect(later.latency.count).toBe(0);
    expect(later.modes[0]?.latency.count).toBe(0);
    expect(later.weaves).toBe(20); // totals are since start
  });

  it('reads connection and training providers at snapshot time', () => {
    const { metrics } = collector();
    let websockets = 1;
    metrics.setConnections(() => ({ websockets, subscriptions: 3 }));
    const lastUpdate = { runId: 'run_1', update: 2, updates: 8, meanReward: 0.4, done: false };
    metrics.setTraining(() => ({ running: 1, finished: 2, lastUpdate }));
    websockets = 4;
    const snapshot = metrics.snapshot();
    expect(snapshot.connections).toEqual({ websockets: 4, subscriptions: 3 });
    expect(snapshot.training).toEqual({ running: 1, finished: 2, lastUpdate });
  });

  it('hands every weave to its sinks', () => {
    const heard: WeaveRecord[] = [];
    const { metrics } = collector([{ recordWeave: (w) => heard.push(w) }]);
    const record = weave({ tool: 'CALC' });
    metrics.recordWeave(record);
    expect(heard).toEqual([record]);
  });

  it('samples the real process when no provider is given, until closed', () => {
    const metrics = createMetricsCollector();
    try {
      const { process: stats, takenAt } = metrics.snapshot();
      expect(stats.rssMb).toBeGreaterThan(0);
      expect(stats.heapUsedMb).toBeGreaterThan(0);
      expect(stats.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(Math.abs(takenAt.getTime() - Date.now())).toBeLessThan(1_000);
    } finally {
      metrics.close();
    }
  });
});
