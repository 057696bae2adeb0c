import { buildBenchRun, type BenchRun, type HttpFigures, type HttpScenarioResult, type WeaveRow } from '../../../src/bench/results.js';
import { summarize, type LatencyStats } from '../../../src/bench/stats.js';

/** Latency with every figure derived from `mean`, so tests can scale one number. */
export function latency(mean: number, count = 100): LatencyStats {
  return { count, mean, p50: mean * 0.9, p95: mean * 1.5, p99: mean * 2, min: mean * 0.5, max: mean * 3 };
}

export function row(name: string, mean: number, qps: number, rssMb: number, overrides: Partial<WeaveRow> = {}): WeaveRow {
  const cached = name.endsWith('(cached)');
  const mode = (/Weave-(BARE|FAST|FUSED)/.exec(name)?.[1] ?? 'FAST') as WeaveRow['mode'];
  return { name, mode, cached, ...latency(mean), qps, errors: 0, cacheHits: cached ? 100 : 0, rssMb, ...overrides };
}

export function scenario(name: string, requestsPerSecond: number, p50: number): HttpScenarioResult {
  return {
    name,
    connections: 10,
    durationS: 10,
    requests: requestsPerSecond * 10,
    requestsPerSecond,
    latency: { ...summarize([p50]), p50, p95: p50 * 2, p99: p50 * 3 },
    errors: 0,
    cacheHits: 0,
    serverRssMb: 150,
  };
}

export function http(cachedRps = 1_600, bareRps = 2_000): HttpFigures {
  return {
    connections: 10,
    durationS: 10,
    seed: { memories: 1_000, seconds: 0.5, perSecond: 2_000, rssMb: 140 },
    settleSeconds: 1,
    scenarios: [scenario('bare Apollo { ping }', bareRps, 2), scenario('weave FAST cached', cachedRps, 5), scenario('weave FAST uncached', 200, 40)],
    overheadRatio: cachedRps / bareRps,
    overheadRounds: [0.78, 0.82],
  };
}

/** An in-process run with three rows, recall and startup. */
export function inProcessRun(rows: readonly WeaveRow[] = defaultRows()): BenchRun {
  return buildBenchRun(
    {
      settings: { backend: 'embedded', embedder: 'hashing', projection: 'pca', memories: 1_000, queries: 100, cache: 'both', http: false },
      ingest: { memories: 1_000, seconds: 0.4, perSecond: 2_500, rssMb: 180 },
      rows,
      recall: latency(2),
      startup: latency(700, 5),
    },
    new Date('2026-01-02T03:04:05Z'),
  );
}

export function defaultRows(): WeaveRow[] {
  return [row('Weave-BARE', 2.5, 400, 200), row('Weave-FAST', 3, 330, 210), row('Weave-FAST (cached)', 0.04, 20_000, 211)];
}
