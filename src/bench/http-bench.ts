import { request } from 'node:http';

import { createSeededRng } from '../shared/index.js';

import { BARE_QUERY } from './bare-server.js';
import { syntheticCorpus, syntheticQueries } from './corpus.js';
import type { HttpTarget, HttpTargets } from './http-targets.js';
import { combineLoads, runLoad, type LoadRun, type LoadScenario } from './load.js';
import { DEFAULT_ROUNDS } from './options.js';
import { silentProgress, type BenchProgress } from './progress.js';
import type { HttpFigures, HttpScenarioResult, IngestFigures } from './results.js';
import { waitUntilIdle } from './settle.js';

export interface HttpBenchOptions {
  readonly memories: number;
  readonly durationS: number;
  readonly connections: number;
  readonly targets: HttpTargets;
  /** HOLOLOOM_* settings of the server under test (embedder, projection, backend). */
  readonly env?: Readonly<Record<string, string>>;
  /** Sent as x-hololoom-tenant, so a shared Neo4j keeps the run apart. @default the server's default tenant */
  readonly tenant?: string;
  readonly progress?: BenchProgress;
  /** Requests sent before each timed scenario. @default max(100, 20 per connection) */
  readonly warmUpRequests?: number;
  /** Longest wait for the server to go idle after seeding. @default 300 */
  readonly settleMaxS?: number;
  /** Alternating rounds the bare and cached scenarios are split into. @default DEFAULT_ROUNDS */
  readonly rounds?: number;
}

export const SCENARIOS = { bare: 'bare Apollo { ping }', cached: 'weave FAST cached', uncached: 'weave FAST uncached' } as const;

const WEAVE = 'mutation Weave($input: WeaveInput!) { weave(input: $input) { id cacheHit mode tool confidence response } }';
const SEED = 'mutation Seed($inputs: [RememberInput!]!) { rememberMany(inputs: $inputs) { id } }';
const SEED_BATCH = 1_000;

const weaveBody = (query: string, useCache: boolean): string => JSON.stringify({ query: WEAVE, variables: { input: { query, mode: 'FAST', useCache } } });

/**
 * One POST on a connection of its own (`agent: false`). fetch would reuse a keep-alive socket, and
 * a server whose event loop stalled for longer than its keep-alive timeout (5 s; swapping in a
 * refitted projection at 100k memories does) closes that socket with the request unread.
 */
function postOnce(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const sent = request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

/** One GraphQL POST outside the timed load; any GraphQL error stops the bench. */
async function post<T>(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<T> {
  const { status, text } = await postOnce(url, body, headers);
  const json = JSON.parse(text) as { data?: T; errors?: readonly { message: string }[] };
  if (json.errors !== undefined || json.data === undefined) {
    throw new Error(`${url} answered ${status}: ${json.errors?.map((error) => error.message).join('; ') ?? 'no data'}`);
  }
  return json.data;
}

/** Stores the synthetic corpus through `rememberMany`, 1,000 a request, as a client would. */
async function seed(target: HttpTarget, memories: number, headers: Readonly<Record<string, string>>, progress: BenchProgress): Promise<IngestFigures> {
  const corpus = syntheticCorpus(memories, createSeededRng(42));
  progress.phase('seed over HTTP', memories);
  const start = performance.now();
  for (let i = 0; i < corpus.length; i += SEED_BATCH) {
    const inputs = corpus.slice(i, i + SEED_BATCH).map(({ text, tags, source }) => ({ text, tags, source }));
    await post(target.url, JSON.stringify({ query: SEED, variables: { inputs } }), headers);
    progress.advance(inputs.length);
  }
  const seconds = (performance.now() - start) / 1000;
  return { memories, seconds, perSecond: memories / seconds, rssMb: null };
}

/**
 * A query whose repeat the cache answers. The policy may pick NOTE, which is never cached, so a
 * few candidates are tried; the hit count in the results shows what the run actually got.
 */
async function cacheableQuery(url: string, headers: Readonly<Record<string, string>>): Promise<string> {
  const candidates = syntheticQueries(6, createSeededRng(11));
  for (const query of candidates) {
    await post(url, weaveBody(query, true), headers);
    const repeat = await post<{ weave: { cacheHit: boolean } }>(url, weaveBody(query, true), headers);
    if (repeat.weave.cacheHit) {
      return query;
    }
  }
  return candidates[0] ?? 'Where does Alice Johnson work?';
}

interface Run {
  readonly options: HttpBenchOptions;
  readonly progress: BenchProgress;
}

/** A scenario and the server it loads. */
interface Loaded {
  readonly target: HttpTarget;
  readonly scenario: LoadScenario;
}


async function warmUp(run: Run, { scenario }: Loaded): Promise<void> {
  const { connections, durationS } = run.options;
  run.progress.phase(`warm-up ${scenario.name}`, 1);
  await runLoad(scenario, { connections, durationS, amount: run.options.warmUpRequests ?? Math.max(100, 20 * connections) });
}

async function resultOf(run: Run, { target, scenario }: Loaded, rounds: readonly LoadRun[]): Promise<HttpScenarioResult> {
  const { requests, durationS, requestsPerSecond, latency, errors, cacheHits } = combineLoads(rounds);
  const connections = run.options.connections;
  return { name: scenario.name, connections, durationS, requests, requestsPerSecond, latency, errors, cacheHits, serverRssMb: await target.rssMb() };
}

/** Warm-up, then `durationS` seconds of load, then the server's RSS. */
async function measure(run: Run, loaded: Loaded): Promise<HttpScenarioResult> {
  const { connections, durationS } = run.options;
  await warmUp(run, loaded);
  run.progress.phase(loaded.scenario.name, Math.ceil(durationS));
  let ticks = 0;
  // autocannon may tick once more than whole seconds; the bar stops at its total.
  const onTick = (): void => {
    if (++ticks <= Math.ceil(durationS)) {
      run.progress.advance();
    }
  };
  return resultOf(run, loaded, [await runLoad(loaded.scenario, { connections, durationS, onTick })]);
}

/**
 * Two scenarios whose req/s are compared, each loaded for `durationS` seconds in all, in short
 * alternating rounds (A B, B A, A B, ...). On a shared VM the speed of the machine drifts by ±20%
 * within a minute; measured one after the other, a drift lands on one side of the ratio only.
 * Alternating, it weighs on both alike, and each round gives a ratio of its own to show the spread.
 */
async function alternate(run: Run, a: Loaded, b: Loaded): Promise<{ a: HttpScenarioResult; b: HttpScenarioResult; roundRatios: number[] }> {
  const { connections, durationS } = run.options;
  const rounds = Math.max(1, run.options.rounds ?? DEFAULT_ROUNDS);
  await warmUp(run, a);
  await warmUp(run, b);
  run.progress.phase(`${a.scenario.name} ⇄ ${b.scenario.name}`, 2 * rounds);
  const runsA: LoadRun[] = [];
  const runsB: LoadRun[] = [];
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [a, b] : [b, a];
    for (const loaded of order) {
      const result = await runLoad(loaded.scenario, { connections, durationS: durationS / rounds });
      (loaded === a ? runsA : runsB).push(result);
      run.progress.advance();
    }
  }
  const roundRatios = runsB.map((runB, i) => runB.requestsPerSecond / (runsA[i]?.requestsPerSecond ?? Number.NaN));
  return { a: await resultOf(run, a, runsA), b: await resultOf(run, b, runsB), roundRatios };
}

/** Seeds HoloLoom with `memories` over GraphQL and waits until it is idle; the RSS then is what holding them costs. */
async function seedAndSettle(run: Run, target: HttpTarget, headers: Readonly<Record<string, string>>): Promise<{ seed: IngestFigures; settleSeconds: number }> {
  const seeded = await seed(target, run.options.memories, headers, run.progress);
  run.progress.phase('server settling', 1);
  const settleSeconds = await waitUntilIdle(() => target.cpuSeconds(), { maxS: run.options.settleMaxS ?? 300 });
  return { seed: { ...seeded, rssMb: await target.rssMb() }, settleSeconds };
}

/**
 * Distinct text and the cache off: every request embeds its query and runs the whole cycle. The
 * count runs on from the warm-up, so no timed text repeats one the embedding cache has seen.
 */
function uncachedWeaves(): (i: number) => string {
  const queries = syntheticQueries(997, createSeededRng(7));
  let sent = 0;
  return () => weaveBody(`${queries[sent % queries.length] ?? ''} (http ${sent++})`, false);
}

/**
 * The HTTP suite. A bare Apollo server and HoloLoom (seeded with `memories`) run side by side;
 * repeats of one cached weave and the bare `{ ping }` are loaded in alternating rounds, then
 * distinct uncached FAST weaves, each scenario for `durationS` seconds over `connections`
 * connections. The overhead ratio is cached weave req/s over bare req/s.
 */
export async function runHttpBench(options: HttpBenchOptions): Promise<HttpFigures> {
  const run: Run = { options, progress: options.progress ?? silentProgress };
  const headers: Record<string, string> = options.tenant === undefined ? {} : { 'x-hololoom-tenant': options.tenant };
  const bareTarget = await options.targets.bare();
  try {
    const target = await options.targets.holoLoom(options.env ?? {});
    try {
      const { seed: seeded, settleSeconds } = await seedAndSettle(run, target, headers);
      const repeated = await cacheableQuery(target.url, headers);
      const bare: Loaded = { target: bareTarget, scenario: { name: SCENARIOS.bare, url: bareTarget.url, body: JSON.stringify({ query: BARE_QUERY }) } };
      const cachedWeave: Loaded = { target, scenario: { name: SCENARIOS.cached, url: target.url, headers, body: weaveBody(repeated, true) } };
      const paired = await alternate(run, bare, cachedWeave);
      const uncached = await measure(run, { target, scenario: { name: SCENARIOS.uncached, url: target.url, headers, body: uncachedWeaves() } });
      const { a: bareResult, b: cached } = paired;
      return {
        connections: options.connections,
        durationS: options.durationS,
        seed: seeded,
        settleSeconds,
        scenarios: [bareResult, cached, uncached],
        overheadRatio: bareResult.requestsPerSecond === 0 ? null : cached.requestsPerSecond / bareResult.requestsPerSecond,
        overheadRounds: paired.roundRatios,
      };
    } finally {
      await target.close();
    }
  } finally {
    await bareTarget.close();
  }
}
