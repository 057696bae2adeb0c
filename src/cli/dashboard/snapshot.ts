import type { MetricsSnapshot } from '../../observability/metrics/types.js';

// Named through MetricsSnapshot alone, so the server's helper interfaces can be renamed freely.
export type LatencySummary = MetricsSnapshot['latency'];
export type NamedLatency = MetricsSnapshot['modes'][number];
export type CacheRate = MetricsSnapshot['caches'][number];
export type NamedCount = MetricsSnapshot['tools'][number];
export type ProcessStats = MetricsSnapshot['process'];
export type TrainingActivity = MetricsSnapshot['training'];

/** Per-operation and per-mode latency as the subscription selects it (no mean or max). */
export type WireNamedLatency = Omit<NamedLatency, 'latency'> & {
  readonly latency: Pick<LatencySummary, 'count' | 'p50Ms' | 'p95Ms' | 'p99Ms'>;
};

/**
 * What one `metrics` event carries over the wire: the server's MetricsSnapshot with `takenAt`
 * serialised as a DateTime string. Deriving it from the server's own interface makes a renamed
 * field a compile error here rather than a blank panel.
 */
export type WireSnapshot = Omit<MetricsSnapshot, 'takenAt' | 'operations' | 'modes'> & {
  readonly takenAt: string;
  readonly operations: readonly WireNamedLatency[];
  readonly modes: readonly WireNamedLatency[];
};

/** Selects every field of MetricsSnapshot; the GraphQL types mirror the TS interface. */
export const METRICS_SUBSCRIPTION = /* GraphQL */ `
  subscription Metrics($intervalMs: Int) {
    metrics(intervalMs: $intervalMs) {
      takenAt weaves weaveErrors
      latency { count meanMs p50Ms p95Ms p99Ms maxMs }
      throughput { perSecond10s perSecond60s }
      operations { name total errors latency { count p50Ms p95Ms p99Ms } }
      modes { name total errors latency { count p50Ms p95Ms p99Ms } }
      caches { name hits misses hitRate size }
      tools { name count }
      patterns { name count }
      process { cpuPercent rssMb heapUsedMb eventLoopDelayP99Ms uptimeSeconds }
      connections { websockets subscriptions }
      training { running finished lastUpdate { runId update updates meanReward done } }
    }
  }
`;
