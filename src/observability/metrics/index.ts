/** Live metrics: sliding latency and throughput, counters, process stats, the Prometheus exporter. */
export type {
  CacheRate,
  ConnectionStats,
  LatencySummary,
  MetricsSnapshot,
  NamedCount,
  NamedLatency,
  ProcessStats,
  Throughput,
  TrainingActivity,
} from './types.js';
export { monotonicEpochMs, type CacheCounters, type MetricsSink, type WeaveMode, type WeaveRecord } from './weave-record.js';
export { createSlidingLatency, EMPTY_LATENCY, type SlidingLatency, type SlidingLatencyOptions } from './sliding-latency.js';
export { createSlidingRate, type SlidingRate } from './sliding-rate.js';
export {
  createNodeProcessProbe,
  createProcessSampler,
  type ProcessProbe,
  type ProcessSampler,
  type ProcessSamplerOptions,
} from './process-stats.js';
export { createMetricsCollector, WEAVE_CACHE, type MetricsCollector, type MetricsCollectorOptions } from './collector.js';
export { createPrometheusMetrics, QUERY_DURATION_BUCKETS, type PrometheusMetrics } from './prometheus.js';
