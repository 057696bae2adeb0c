import parsePrometheusTextFormat, { type HistogramSample, type MetricFamily, type Sample } from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startTestServer, type TestServer } from '../support/start-test-server.js';

interface Snapshot {
  weaves: number;
  weaveErrors: number;
  latency: { count: number; p50Ms: number; p99Ms: number };
  operations: { name: string; total: number; errors: number }[];
  modes: { name: string; total: number }[];
  caches: { name: string; hits: number; misses: number }[];
  tools: { name: string; count: number }[];
  patterns: { name: string; count: number }[];
  process: { rssMb: number; cpuPercent: number };
  connections: { websockets: number; subscriptions: number };
}

const SNAPSHOT = `{ metricsSnapshot {
  weaves weaveErrors latency { count p50Ms p99Ms } operations { name total errors } modes { name total }
  caches { name hits misses } tools { name count } patterns { name count } process { rssMb cpuPercent }
  connections { websockets subscriptions } } }`;

const QUERIES = ['What is 12 * 7?', 'Tell me about the Danube and the cities it flows through on its way to the sea', 'Find my notes about rivers'];

const family = (families: MetricFamily[], name: string): MetricFamily => {
  const found = families.find((candidate) => candidate.name === name);
  expect(found, name).toBeDefined();
  return found!;
};
const sum = (metric: MetricFamily): number => metric.metrics.reduce((total, sample) => total + Number((sample as Sample).value), 0);
const labelled = (metric: MetricFamily, label: string, value: string): number =>
  Number((metric.metrics.find((sample) => sample.labels?.[label] === value) as Sample | undefined)?.value ?? 0);

interface Woven {
  error: string | null;
  cacheHit: boolean;
}

describe('live metrics: metricsSnapshot, /metrics and the metrics subscription', () => {
  let t: TestServer;
  // The cached weaves; a slow machine can make one fail its time budget, and failures are not cached.
  const woven: Woven[] = [];
  const hits = (): number => woven.filter((weave) => weave.cacheHit).length;
  const failures = (): number => woven.filter((weave) => weave.error !== null).length;

  beforeAll(async () => {
    t = await startTestServer();
    await t.gql('mutation { remember(input: { text: "The Danube flows through Vienna and Budapest." }) { id } }');
    // Two rounds: the second round's repeats come from the weave cache.
    for (let round = 0; round < 2; round++) {
      for (const query of QUERIES) {
        const response = await t.gql<{ weave: Woven }>('mutation W($q: String!) { weave(input: { query: $q }) { error cacheHit } }', { q: query });
        woven.push(response.data!.weave);
      }
    }
    await t.gql('mutation { weave(input: { query: "What is 3 + 4?", useCache: false }) { id } }');
  });

  afterAll(async () => {
    await t.close({ removeData: true });
  });

  it('counts every weave, mode, tool, cache lookup and operation in the snapshot', async () => {
    const { data } = await t.gql<{ metricsSnapshot: Snapshot }>(SNAPSHOT);
    const snapshot = data!.metricsSnapshot;
    const weaveCache = snapshot.caches.find((cache) => cache.name === 'weave');

    expect(hits()).toBeGreaterThanOrEqual(2);
    expect(snapshot.weaves).toBe(7);
    expect(snapshot.weaveErrors).toBe(failures());
    expect(snapshot.latency.count).toBe(7);
    expect(snapshot.latency.p99Ms).toBeGreaterThanOrEqual(snapshot.latency.p50Ms);
    expect(weaveCache).toMatchObject({ hits: hits(), misses: 6 - hits() });
    expect(snapshot.modes.reduce((total, mode) => total + mode.total, 0)).toBe(7);
    expect(snapshot.tools.reduce((total, tool) => total + tool.count, 0)).toBe(7 - snapshot.weaveErrors);
    expect(snapshot.operations.find((operation) => operation.name === 'weave')).toMatchObject({ total: 7, errors: 0 });
    expect(snapshot.caches.map((cache) => cache.name)).toContain('embedding');
    expect(snapshot.process.rssMb).toBeGreaterThan(10);
  });

  it('serves /metrics in the Prometheus text format, agreeing with the snapshot', async () => {
    const response = await fetch(`${t.server.origin}/metrics`);
    const text = await response.text();
    const families = parsePrometheusTextFormat(text);
    const { data } = await t.gql<{ metricsSnapshot: Snapshot }>(SNAPSHOT);
    const snapshot = data!.metricsSnapshot;
    const histogram = family(families, 'hololoom_query_duration_seconds').metrics[0] as HistogramSample;

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(sum(family(families, 'hololoom_queries_total'))).toBe(snapshot.weaves);
    expect(Number(histogram.count)).toBe(snapshot.weaves);
    expect(Object.keys(histogram.buckets).sort((a, b) => Number(a) - Number(b))).toEqual(['0.01', '0.05', '0.1', '0.15', '0.3', '0.5', '1', '2', '5', '+Inf']);
    expect(sum(family(families, 'hololoom_cache_hits_total'))).toBe(hits());
    expect(sum(family(families, 'hololoom_cache_misses_total'))).toBe(6 - hits());
    expect(sum(family(families, 'hololoom_errors_total'))).toBe(snapshot.weaveErrors);
    for (const pattern of snapshot.patterns) {
      expect(labelled(family(families, 'hololoom_pattern_selections_total'), 'pattern', pattern.name)).toBe(pattern.count);
    }
    expect(labelled(family(families, 'hololoom_backend_status'), 'backend', 'embedded')).toBe(1);
    expect(families.map((metric) => metric.name)).toEqual(expect.arrayContaining(['process_cpu_user_seconds_total', 'nodejs_heap_size_used_bytes']));
  });

  it('streams snapshots at the asked interval, with the subscriber counted as a connection', async () => {
    const client = t.wsClient();
    const received: Snapshot[] = [];
    const dispose = client.subscribe<{ metrics: Snapshot }>(
      { query: 'subscription { metrics(intervalMs: 100) { weaves connections { websockets subscriptions } } }' },
      {
        next: ({ data }) => {
          if (data !== undefined && data !== null) {
            received.push(data.metrics);
          }
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await expect.poll(() => received.length, { timeout: 3_000 }).toBeGreaterThanOrEqual(2);
    await t.gql('mutation { weave(input: { query: "What is 5 + 5?", useCache: false }) { id } }');
    await expect.poll(() => received.at(-1)?.weaves, { timeout: 3_000 }).toBe(8);
    dispose();

    expect(received[0]?.connections.websockets).toBeGreaterThanOrEqual(1);
    expect(received[0]?.connections.subscriptions).toBeGreaterThanOrEqual(1);
  });

  it('refuses an interval outside its limits with BAD_USER_INPUT', async () => {
    const client = t.wsClient();
    const error = await new Promise<unknown>((resolve) => {
      // graphql-ws delivers a subscribe-time failure as a result with errors, then completes.
      client.subscribe({ query: 'subscription { metrics(intervalMs: 5) { weaves } }' }, { next: (result) => resolve(result.errors), error: resolve, complete: () => resolve(null) });
    });
    expect(JSON.stringify(error)).toMatch(/BAD_USER_INPUT/);
    expect(JSON.stringify(error)).toMatch(/intervalMs must be an integer from 100 to 60000/);
  });
});
