import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BARE_QUERY, startBareServer, type BareServer } from '../../src/bench/bare-server.js';
import { runHttpBench, SCENARIOS } from '../../src/bench/http-bench.js';
import { inProcessTargets } from '../../src/bench/http-targets.js';
import { runLoad } from '../../src/bench/load.js';

describe('runLoad against the bare Apollo server', () => {
  let server: BareServer;

  beforeAll(async () => {
    server = await startBareServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers { ping } and times every response', async () => {
    const result = await runLoad({ name: 'bare', url: server.url, body: JSON.stringify({ query: BARE_QUERY }) }, { connections: 2, durationS: 5, amount: 40 });
    expect(result).toMatchObject({ requests: 40, errors: 0 });
    expect(result.latency.count).toBe(40);
    expect(result.latency.p50).toBeGreaterThan(0);
    expect(result.requestsPerSecond).toBeGreaterThan(0);
  });

  it('builds a body per request and counts rejected operations as errors', async () => {
    const seen = new Set<number>();
    const body = (i: number): string => {
      seen.add(i);
      return JSON.stringify({ query: i % 2 === 0 ? BARE_QUERY : '{ nope }' });
    };
    const result = await runLoad({ name: 'mixed', url: server.url, body }, { connections: 1, durationS: 5, amount: 10 });
    expect(result).toMatchObject({ requests: 10, errors: 5 });
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });
});

describe('the HTTP bench against a real server', () => {
  it('seeds, loads each scenario for a second and reports positive figures', async () => {
    const figures = await runHttpBench({
      memories: 60,
      durationS: 1,
      connections: 2,
      warmUpRequests: 10,
      settleMaxS: 5,
      rounds: 2,
      targets: inProcessTargets(),
      env: { HOLOLOOM_EMBEDDER: 'hashing' },
      tenant: 'bench-e2e',
    });
    expect(figures.seed).toMatchObject({ memories: 60 });
    expect(figures.seed.perSecond).toBeGreaterThan(0);
    expect(figures.seed.rssMb).toBeGreaterThan(0);
    expect(figures.settleSeconds).toBeLessThan(6);
    expect(figures.scenarios.map((scenario) => scenario.name)).toEqual([SCENARIOS.bare, SCENARIOS.cached, SCENARIOS.uncached]);
    for (const scenario of figures.scenarios) {
      expect(scenario.requests, scenario.name).toBeGreaterThan(0);
      expect(scenario.requestsPerSecond, scenario.name).toBeGreaterThan(0);
      expect(scenario.latency.p50, scenario.name).toBeGreaterThan(0);
      expect(scenario.latency.p99, scenario.name).toBeGreaterThanOrEqual(scenario.latency.p95);
      expect(scenario.errors, scenario.name).toBe(0);
      expect(scenario.serverRssMb, scenario.name).toBeGreaterThan(0);
    }
    const cached = figures.scenarios.find((scenario) => scenario.name === SCENARIOS.cached)!;
    expect(cached.cacheHits).toBeGreaterThan(0);
    expect(figures.scenarios.find((scenario) => scenario.name === SCENARIOS.uncached)?.cacheHits).toBe(0);
    expect(figures.overheadRatio).toBeGreaterThan(0);
    // The paired scenarios ran in two alternating rounds, a ratio each.
    expect(figures.overheadRounds).toHaveLength(2);
    for (const ratio of figures.overheadRounds ?? []) {
      expect(ratio).toBeGreaterThan(0);
    }
  });
});
