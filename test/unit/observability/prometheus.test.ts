import parsePrometheusTextFormat, { type HistogramSample, type MetricFamily, type Sample } from 'parse-prometheus-text-format';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';

import {
  createMetricsCollector,
  createPrometheusMetrics,
  QUERY_DURATION_BUCKETS,
  type WeaveRecord,
} from '../../../src/observability/index.js';
import { createFakeClock } from './fake-clock.js';

const MODES: readonly WeaveRecord['mode'][] = ['BARE', 'FAST', 'FUSED'];
const COMPLEXITIES = ['LITE', 'FAST', 'FULL'];
const TOOLS = ['ANSWER', 'SEARCH', 'CALC'];

/** N weaves with every combination the exporter labels: modes, complexities, errors, cache outcomes. */
function weaves(n: number): WeaveRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    mode: MODES[i % 3]!,
    complexity: COMPLEXITIES[(i >> 1) % 3]!,
    tool: TOOLS[i % 3]!,
    durationMs: (i * 37) % 6_000, // 0 to 6 s: every bucket, +Inf included
    cacheHit: i % 4 === 0,
    cacheLookedUp: i % 5 !== 0,
    errorCode: i % 7 === 0 ? (i % 2 === 0 ? 'TIMEOUT' : 'BACKEND_UNAVAILABLE') : null,
    errorStage: i % 7 === 0 && i % 3 !== 0 ? 'retrieve' : null,
  }));
}

async function scrape(registry: Registry): Promise<Map<string, MetricFamily>> {
  return new Map(parsePrometheusTextFormat(await registry.metrics()).map((family) => [family.name, family]));
}

const samples = (family: MetricFamily | undefined): Sample[] => (family?.metrics ?? []) as Sample[];
const total = (family: MetricFamily | undefined): number => samples(family).reduce((sum, { value }) => sum + Number(value), 0);
const valueWhere = (family: MetricFamily | undefined, labels: Record<string, string>): number =>
  Number(samples(family).find((sample) => Object.entries(labels).every(([k, v]) => sample.labels?.[k] === v))?.value ?? 0);

describe('prometheus exporter', () => {
  it('registers the original metrics with their names, types and buckets', async () => {
    const registry = new Registry();
    createPrometheusMetrics(registry);
    const families = await scrape(registry);
    expect(Object.fromEntries([...families].map(([name, family]) => [name, family.type]))).toEqual({
      hololoom_query_duration_seconds: 'HISTOGRAM',
      hololoom_queries_total: 'COUNTER',
      hololoom_errors_total: 'COUNTER',
      hololoom_cache_hits_total: 'COUNTER',
      hololoom_cache_misses_total: 'COUNTER',
      hololoom_pattern_selections_total: 'COUNTER',
      hololoom_backend_status: 'GAUGE',
    });
    const [histogram] = families.get('hololoom_query_duration_seconds')!.metrics as HistogramSample[];
    const bounds = Object.keys(histogram!.buckets).map((le) => (le === '+Inf' ? Infinity : Number(le)));
    expect(bounds.sort((a, b) => a - b)).toEqual([...QUERY_DURATION_BUCKETS, Infinity]);
  });

  it('agrees exactly with the snapshot after N weaves through one collector', async () => {
    const registry = new Registry();
    const { clock } = createFakeClock();
    const metrics = createMetricsCollector({
      clock,
      processStats: () => ({ cpuPercent: 0, rssMb: 0, heapUsedMb: 0, eventLoopDelayP99Ms: 0, uptimeSeconds: 0 }),
      sinks: [createPrometheusMetrics(registry)],
    });
    const recorded = weaves(250);
    recorded.forEach((weave) => metrics.recordWeave(weave));
    const snapshot = metrics.snapshot();
    const families = await scrape(registry);

    const queries = families.get('hololoom_queries_total');
    expect(total(queries)).toBe(snapshot.weaves);
    expect(valueWhere(queries, { pattern: 'FAST', complexity: 'FULL' })).toBe(
      recorded.filter((w) => w.mode === 'FAST' && w.complexity === 'FULL').length,
    );
    expect(total(families.get('hololoom_errors_total'))).toBe(snapshot.weaveErrors);
    expect(valueWhere(families.get('hololoom_errors_total'), { type: 'TIMEOUT', stage: 'unknown' })).toBe(
      recorded.filter((w) => w.errorCode === 'TIMEOUT' && w.errorStage === null).length,
    );
    for (const { name, count } of snapshot.patterns) {
      expect(valueWhere(families.get('hololoom_pattern_selections_total'), { pattern: name })).toBe(count);
    }
    const weaveCache = snapshot.caches.find(({ name }) => name === 'weave')!;
    expect(total(families.get('hololoom_cache_hits_total'))).toBe(weaveCache.hits);
    expect(total(families.get('hololoom_cache_misses_total'))).toBe(weaveCache.misses);
    expect(weaveCache.hits + weaveCache.misses).toBe(recorded.filter((w) => w.cacheLookedUp).length);

    const [histogram] = families.get('hololoom_query_duration_seconds')!.metrics as HistogramSample[];
    expect(Number(histogram!.count)).toBe(snapshot.weaves);
    expect(Number(histogram!.count)).toBe(snapshot.latency.count);
    expect(Number(histogram!.sum)).toBeCloseTo((snapshot.latency.meanMs * snapshot.latency.count) / 1000, 6);
    for (const bound of QUERY_DURATION_BUCKETS) {
      expect(Number(histogram!.buckets[String(bound)])).toBe(recorded.filter((w) => w.durationMs / 1000 <= bound).length);
    }
    expect(Number(histogram!.buckets['+Inf'])).toBe(recorded.length);
  });

  it('sets the backend gauge to 1 while up and 0 while down', async () => {
    const registry = new Registry();
    const prometheus = createPrometheusMetrics(registry);
    prometheus.setBackendStatus('neo4j', true);
    prometheus.setBackendStatus('sqlite', true);
    let status = (await scrape(registry)).get('hololoom_backend_status');
    expect(samples(status).map(({ labels, value }) => [labels?.['backend'], Number(value)])).toEqual([
      ['neo4j', 1],
      ['sqlite', 1],
    ]);
    prometheus.setBackendStatus('neo4j', false);
    status = (await scrape(registry)).get('hololoom_backend_status');
    expect(valueWhere(status, { backend: 'neo4j' })).toBe(0);
    expect(valueWhere(status, { backend: 'sqlite' })).toBe(1);
  });
});
