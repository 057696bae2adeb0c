import autocannon from 'autocannon';

import { summarize, type LatencyStats } from './stats.js';

/** One HTTP scenario: GraphQL POSTs to one url. */
export interface LoadScenario {
  readonly name: string;
  readonly url: string;
  /** The JSON body: the same for every request, or made per request (`i` counts from 0). */
  readonly body: string | ((i: number) => string);
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadSettings {
  readonly connections: number;
  /** Seconds of load; ignored when `amount` is set. */
  readonly durationS: number;
  /** Stop after this many requests instead (warm-ups). */
  readonly amount?: number;
  /** Called once a second while the load runs. */
  readonly onTick?: () => void;
}

/** What one run of load produced. */
export interface LoadResult {
  readonly requests: number;
  readonly durationS: number;
  readonly requestsPerSecond: number;
  readonly latency: LatencyStats;
  /** Socket errors and timeouts, non-2xx answers, and 200s whose body carries GraphQL `errors`. */
  readonly errors: number;
  /** Answers whose body says `"cacheHit":true`. */
  readonly cacheHits: number;
}

/** A load run with every response time kept, so several runs can be combined into one result. */
export interface LoadRun extends LoadResult {
  /** Each response's time, ms. */
  readonly samples: readonly number[];
}

/** Runs of one scenario (rounds of it) as one result: their requests over their summed time. */
export function combineLoads(runs: readonly LoadRun[]): LoadRun {
  const sum = (of: (run: LoadRun) => number): number => runs.reduce((total, run) => total + of(run), 0);
  const requests = sum((run) => run.requests);
  const durationS = sum((run) => run.durationS);
  const samples = runs.flatMap((run) => run.samples);
  return {
    requests,
    durationS,
    requestsPerSecond: durationS > 0 ? requests / durationS : 0,
    latency: summarize(samples),
    errors: sum((run) => run.errors),
    cacheHits: sum((run) => run.cacheHits),
    samples,
  };
}

/** Per-response tallies autocannon does not keep: GraphQL errors arrive with status 200. */
interface Tally {
  graphqlErrors: number;
  cacheHits: number;
  readonly samples: number[];
}

function requestOf(scenario: LoadScenario, tally: Tally): autocannon.Request {
  const { body } = scenario;
  let next = 0;
  return {
    method: 'POST',
    ...(typeof body === 'string' ? { body } : { setupRequest: (request: autocannon.Request) => ({ ...request, body: body(next++) }) }),
    onResponse: (status: number, text: string) => {
      tally.graphqlErrors += status === 200 && text.includes('"errors"') ? 1 : 0;
      tally.cacheHits += text.includes('"cacheHit":true') ? 1 : 0;
    },
  };
}

function resultOf(result: autocannon.Result, tally: Tally): LoadRun {
  const requests = result.requests.total;
  return {
    samples: tally.samples,
    requests,
    durationS: result.duration,
    requestsPerSecond: result.duration > 0 ? requests / result.duration : 0,
    // Every response's own time, so p95 exists (autocannon's histogram summary jumps from p90 to p97.5).
    latency: summarize(tally.samples),
    errors: result.errors + result.non2xx + tally.graphqlErrors,
    cacheHits: tally.cacheHits,
  };
}

/**
 * Drives the scenario with autocannon: keep-alive connections each with one request in flight,
 * as many as `connections`, for `durationS` seconds. autocannon is the maintained Node load
 * generator (the one Fastify benchmarks with); it handles connection reuse, timeouts and rates.
 */
export function runLoad(scenario: LoadScenario, settings: LoadSettings): Promise<LoadRun> {
  const tally: Tally = { graphqlErrors: 0, cacheHits: 0, samples: [] };
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: scenario.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...scenario.headers },
        connections: settings.connections,
        duration: settings.durationS,
        ...(settings.amount === undefined ? {} : { amount: settings.amount }),
        requests: [requestOf(scenario, tally)],
      },
      (error: unknown, result: autocannon.Result) => {
        if (error === null || error === undefined) {
          resolve(resultOf(result, tally));
        } else {
          reject(error instanceof Error ? error : new Error(`autocannon failed: ${JSON.stringify(error)}`));
        }
      },
    );
    instance.on('response', (_client: autocannon.Client, _status: number, _bytes: number, responseTime: number) => {
      tally.samples.push(responseTime);
    });
    instance.on('tick', () => settings.onTick?.());
  });
}
