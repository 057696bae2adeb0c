import { request } from 'node:http';

import { createSeededRng } from '../shared/index.js';

import { BARE_QUERY } from './bare-server.js';
import { syntheticCorpus, syntheticQueries } from './corpus.js';
import type { HttpTarget, HttpTargets } from './http-targets.js';
import { runLoad, type LoadScenario } from './load.js';
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

/** Warm-up, then `durationS` seconds of load, then the server's RSS. */
async function measure(run: Run, target: HttpTarget, scenario: LoadScenario): Promise<HttpScenarioResult> {
  const { connections, durationS } = run.options;
  const warmUp = run.options.warmUpRequests ?? Math.max(100, 20 * connections);
  run.progress.phase(`warm-up ${scenario.name}`, 1);
  await runLoad(scenario, { connections, durationS, amount: warmUp });
  run.progress.phase(scenario.name, Math.ceil(durationS));
  let ticks = 0;
  // autocannon may tick once more than whole seconds; the bar stops at its total.
  const onTick = (): void => {
    if (++ticks <= Math.ceil(durationS)) {
      run.progress.advance();
    }
  };
  const load = await runLoad(scenario, { connections, durationS, onTick });
  return { name: scenario.name, connections, ...load, serverRssMb: await target.rssMb() };
}

async function bareScenario(run: Run): Promise<HttpScenarioResult> {
  const target = await run.options.targets.bare();
  try {
    return await measure(run, target, { name: SCENARIOS.bare, url: target.url, body: JSON.stringify({ query: BARE_QUERY }) });
  } finally {
    await target.close();
  }
}

/** Seeds HoloLoom, then loads it with repeats of one cached weave and with distinct uncached FAST weaves. */
async function weaveScenarios(run: Run): Promise<{ seed: IngestFigures; settleSeconds: number; scenarios: HttpScenarioResult[] }> {
  const { options } = run;
  const headers: Record<string, string> = options.tenant === undefined ? {} : { 'x-hololoom-tenant': options.tenant };
  const target = await options.targets.holoLoom(options.env ?? {});
  try {
    const seeded = await seed(target, options.memories, headers, run.progress);
    run.progress.phase('server settling', 1);
    const settleSeconds = await waitUntilIdle(() => target.cpuSeconds(), { maxS: options.settleMaxS ?? 300 });
    // RSS once background work is done: what holding the memories costs.
    const seededRss = { ...seeded, rssMb: await target.rssMb() };
    const repeated = await cacheableQuery(target.url, headers);
    const cached = await measure(run, target, { name: SCENARIOS.cached, url: target.url, headers, body: weaveBody(repeated, true) });
    const queries = syntheticQueries(997, createSeededRng(7));
    // Distinct text and the cache off: every request embeds its query and runs the whole cycle. The
    // count runs on from the warm-up, so no timed text repeats one the embedding cache has seen.
    let sent = 0;
    const distinct = (): string => weaveBody(`${queries[sent % queries.length] ?? ''} (http ${sent++})`, false);
    const uncached = await measure(run, target, { name: SCENARIOS.uncached, url: target.url, headers, body: distinct });
    return { seed: seededRss, settleSeconds, scenarios: [cached, uncached] };
  } finally {
    await target.close();
  }
}

/**
 * The HTTP suite: a bare Apollo server, then HoloLoom seeded with `memories`, each loaded for
 * `durationS` seconds over `connections` connections. The overhead ratio is cached weave req/s
 * over bare req/s.
 */
export async function runHttpBench(options: HttpBenchOptions): Promise<HttpFigures> {
  const run: Run = { options, progress: options.progress ?? silentProgress };
  const bare = await bareScenario(run);
  const { seed: seeded, settleSeconds, scenarios } = await weaveScenarios(run);
  const cached = scenarios.find((scenario) => scenario.name === SCENARIOS.cached);
  return {
    connections: options.connections,
    durationS: options.durationS,
    seed: seeded,
    settleSeconds,
    scenarios: [bare, ...scenarios],
    overheadRatio: cached === undefined || bare.requestsPerSecond === 0 ? null : cached.requestsPerSecond / bare.requestsPerSecond,
  };
}
