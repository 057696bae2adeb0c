import { createProcessSampler, type ProcessSampler } from './process-stats.js';
import { createSlidingLatency } from './sliding-latency.js';
import { createSlidingRate } from './sliding-rate.js';
import { compareNames, createCounts, createLatencyTable } from './tallies.js';
import type { CacheRate, ConnectionStats, MetricsSnapshot, ProcessStats, TrainingActivity } from './types.js';
import { monotonicEpochMs, type CacheCounters, type MetricsSink, type WeaveRecord } from './weave-record.js';

export interface MetricsCollectorOptions {
  /** Epoch milliseconds, never stepping back; drives every window and `takenAt`. */
  readonly clock?: () => number;
  /** Replaces the real process sampler (and its event-loop monitor), e.g. in tests. */
  readonly processStats?: () => ProcessStats;
  /** Fed every weave as well (the Prometheus exporter), so both always agree. */
  readonly sinks?: readonly MetricsSink[];
}

/** The live metrics behind `metricsSnapshot`, the `metrics` subscription and the dashboard. */
export interface MetricsCollector extends MetricsSink {
  /** One GraphQL root field, once answered. */
  recordOperation(name: string, durationMs: number, failed: boolean): void;
  /** A cache whose own counters are read at snapshot time; the same name replaces it. */
  registerCache(name: string, stats: () => CacheCounters): void;
  setConnections(stats: () => ConnectionStats): void;
  setTraining(status: () => TrainingActivity): void;
  snapshot(): MetricsSnapshot;
  /** Stops the event-loop delay monitor; recording still works afterwards. */
  close(): void;
}

/** The cache weaves report through recordWeave; a provider of this name overrides it. */
export const WEAVE_CACHE = 'weave';

const NO_CONNECTIONS: ConnectionStats = { websockets: 0, subscriptions: 0 };
const NO_TRAINING: TrainingActivity = { running: 0, finished: 0, lastUpdate: null };

/** Weave counters since start, plus sliding latency and throughput. */
function createWeaveTally(clock: () => number) {
  const latency = createSlidingLatency({ clock });
  const rate = createSlidingRate({ clock });
  const modes = createLatencyTable(clock);
  const tools = createCounts();
  const patterns = createCounts();
  const cache = { hits: 0, misses: 0 };
  let weaves = 0;
  let errors = 0;
  return {
    record(weave: WeaveRecord): void {
      const failed = weave.errorCode !== null;
      weaves++;
      if (failed) {
        errors++;
      }
      const now = clock(); // once for the three series, not once each
      latency.record(weave.durationMs, now);
      rate.record(now);
      modes.record(weave.mode, weave.durationMs, failed, now);
      patterns.add(weave.mode);
      if (weave.tool !== '') {
        tools.add(weave.tool);
      }
      if (weave.cacheLookedUp) {
        cache[weave.cacheHit ? 'hits' : 'misses']++;
      }
    },
    read() {
      return {
        weaves,
        weaveErrors: errors,
        latency: latency.summary(),
        throughput: { perSecond10s: rate.perSecond(10), perSecond60s: rate.perSecond(60) },
        modes: modes.sorted(),
        tools: tools.sorted(),
        patterns: patterns.sorted(),
      };
    },
    cacheCounters: (): CacheCounters => ({ ...cache, size: 0 }),
  };
}

function cacheRate(name: string, { hits, misses, size }: CacheCounters): CacheRate {
  const lookups = hits + misses;
  return { name, hits, misses, hitRate: lookups === 0 ? 0 : hits / lookups, size };
}

export function createMetricsCollector({ clock = monotonicEpochMs, processStats, sinks = [] }: MetricsCollectorOptions = {}): MetricsCollector {
  const weaves = createWeaveTally(clock);
  const operations = createLatencyTable(clock);
  const caches = new Map<string, () => CacheCounters>([[WEAVE_CACHE, weaves.cacheCounters]]);
  const sampler: ProcessSampler =
    processStats === undefined ? createProcessSampler({ clock }) : { sample: processStats, close: () => undefined };
  let connections = (): ConnectionStats => NO_CONNECTIONS;
  let training = (): TrainingActivity => NO_TRAINING;

  return {
    recordWeave(weave) {
      weaves.record(weave);
      for (const sink of sinks) {
        sink.recordWeave(weave);
      }
    },
    recordOperation: (name, durationMs, failed) => operations.record(name, durationMs, failed),
    registerCache: (name, stats) => void caches.set(name, stats),
    setConnections: (stats) => void (connections = stats),
    setTraining: (status) => void (training = status),
    snapshot: () => ({
      takenAt: new Date(clock()),
      ...weaves.read(),
      operations: operations.sorted(),
      caches: [...caches].sort(([a], [b]) => compareNames(a, b)).map(([name, stats]) => cacheRate(name, stats())),
      process: sampler.sample(),
      connections: connections(),
      training: training(),
    }),
    close: () => sampler.close(),
  };
}
