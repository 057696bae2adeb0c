import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

import type { MetricsSink } from './weave-record.js';

/** The original's Prometheus metrics, fed as a collector sink. */
export interface PrometheusMetrics extends MetricsSink {
  /** `hololoom_backend_status{backend}`: 1 while the backend is up, 0 while it is down. */
  setBackendStatus(backend: string, up: boolean): void;
}

/** The original's buckets, in seconds. */
export const QUERY_DURATION_BUCKETS: readonly number[] = [0.01, 0.05, 0.1, 0.15, 0.3, 0.5, 1, 2, 5];

/**
 * Registers the original's metrics (same names, help texts, labels and buckets) on a registry
 * the app owns; prom-client does the exposition format, the app serves `registry.metrics()`.
 */
export function createPrometheusMetrics(registry: Registry): PrometheusMetrics {
  const registers = [registry];
  const duration = new Histogram({ name: 'hololoom_query_duration_seconds', help: 'Query duration', buckets: [...QUERY_DURATION_BUCKETS], registers });
  const queries = new Counter({ name: 'hololoom_queries_total', help: 'Total queries', labelNames: ['pattern', 'complexity'] as const, registers });
  const errors = new Counter({ name: 'hololoom_errors_total', help: 'Total errors', labelNames: ['type', 'stage'] as const, registers });
  const cacheHits = new Counter({ name: 'hololoom_cache_hits_total', help: 'Cache hits', registers });
  const cacheMisses = new Counter({ name: 'hololoom_cache_misses_total', help: 'Cache misses', registers });
  const patterns = new Counter({ name: 'hololoom_pattern_selections_total', help: 'Pattern selections', labelNames: ['pattern'] as const, registers });
  const backends = new Gauge({ name: 'hololoom_backend_status', help: 'Backend health', labelNames: ['backend'] as const, registers });

  return {
    recordWeave(weave) {
      // Clamped like the snapshot's latency, so both count a skewed duration the same way.
      duration.observe(weave.durationMs > 0 ? weave.durationMs / 1000 : 0);
      queries.inc({ pattern: weave.mode, complexity: weave.complexity });
      patterns.inc({ pattern: weave.mode });
      if (weave.errorCode !== null) {
        errors.inc({ type: weave.errorCode, stage: weave.errorStage ?? 'unknown' });
      }
      if (weave.cacheLookedUp) {
        (weave.cacheHit ? cacheHits : cacheMisses).inc();
      }
    },
    setBackendStatus: (backend, up) => backends.set({ backend }, up ? 1 : 0),
  };
}
