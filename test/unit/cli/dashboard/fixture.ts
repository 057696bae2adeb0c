import type { WireSnapshot } from '../../../../src/cli/dashboard/snapshot.js';

const latency = (p50Ms: number, p95Ms: number, p99Ms: number, count: number) => ({ count, p50Ms, p95Ms, p99Ms });

/** A snapshot as the `metrics` subscription sends it, with round numbers to find in a frame. */
export const SNAPSHOT: WireSnapshot = {
  takenAt: '2026-05-04T10:20:30.000Z',
  weaves: 42,
  weaveErrors: 1,
  latency: { count: 40, meanMs: 20, p50Ms: 12.5, p95Ms: 48, p99Ms: 91, maxMs: 120 },
  throughput: { perSecond10s: 3.4, perSecond60s: 1.2 },
  operations: [{ name: 'weave', total: 42, errors: 1, latency: latency(12.5, 48, 91, 40) }],
  modes: [
    { name: 'BARE', total: 10, errors: 0, latency: latency(2.4, 4, 6, 10) },
    { name: 'FUSED', total: 32, errors: 1, latency: latency(15, 52, 95, 30) },
  ],
  caches: [
    { name: 'weave', hits: 3, misses: 1, hitRate: 0.75, size: 12 },
    { name: 'embedding', hits: 9, misses: 91, hitRate: 0.09, size: 100 },
  ],
  tools: [
    { name: 'ANSWER', count: 30 },
    { name: 'CALC', count: 10 },
  ],
  patterns: [
    { name: 'fast', count: 25 },
    { name: 'fused', count: 17 },
  ],
  process: { cpuPercent: 63.2, rssMb: 180.4, heapUsedMb: 95.5, eventLoopDelayP99Ms: 7.25, uptimeSeconds: 185 },
  connections: { websockets: 2, subscriptions: 3 },
  training: { running: 1, finished: 4, lastUpdate: { runId: 'run_7', update: 5, updates: 8, meanReward: 0.42, done: false } },
};
