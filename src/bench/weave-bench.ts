import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createApp, type App } from '../app/index.js';
import { loadConfig } from '../config/index.js';
import { createSilentLogger } from '../observability/index.js';
import { createSeededRng, newId } from '../shared/index.js';
import { QUERY_CACHE_MAX, type WeaveMode } from '../shuttle/index.js';

import { syntheticCorpus, syntheticQueries } from './corpus.js';
import { dropTenant, neo4jEnvironment } from './neo4j-target.js';
import { silentProgress, type BenchProgress } from './progress.js';
import type { BenchMode, CacheChoice, IngestFigures, WeaveRow } from './results.js';
import { summarize, type LatencyStats } from './stats.js';

/** Each run writes under its own tenant, so a shared Neo4j keeps other data apart and can be cleaned. */
const TENANT = `bench-${newId('run').slice(-12)}`;
const BATCH = 1_000;
const WARM_UP_WEAVES = 30;
/** Distinct queries a cached row cycles through: well inside the query cache, so LRU eviction never turns a repeat into a miss. */
const CACHED_POOL = Math.floor(QUERY_CACHE_MAX / 2);

export interface WeaveBenchOptions {
  readonly memories: number;
  readonly queries: number;
  readonly modes: readonly BenchMode[];
  /** off: uncached rows only; on: cached rows only; both: each mode twice. @default 'both' */
  readonly cache?: CacheChoice;
  readonly embedder: 'hashing' | 'onnx' | 'auto';
  readonly projection: 'truncate' | 'pca';
  /** @default 'embedded' */
  readonly backend?: 'embedded' | 'neo4j';
  readonly progress?: BenchProgress;
}

export interface WeaveBenchResult {
  readonly backend: string;
  readonly embedder: string;
  readonly memories: number;
  readonly ingest: IngestFigures;
  readonly rows: readonly WeaveRow[];
  readonly recall: LatencyStats;
}

const rssMb = (): number => process.memoryUsage().rss / 1_048_576;

/** `Weave-FAST`, `Weave-FAST (cached)`: the names rows are printed and compared by. */
export const weaveRowName = (mode: BenchMode, cached: boolean): string => `Weave-${mode}${cached ? ' (cached)' : ''}`;

async function ingest(app: App, count: number, progress: BenchProgress): Promise<IngestFigures> {
  const corpus = syntheticCorpus(count, createSeededRng(42));
  progress.phase('ingest', count);
  const start = performance.now();
  for (let i = 0; i < corpus.length; i += BATCH) {
    const batch = corpus.slice(i, i + BATCH);
    await app.services.store.remember(TENANT, batch);
    progress.advance(batch.length);
  }
  // A projection fit started by the last batches belongs to ingest, not to the weaves timed next.
  await app.services.store.idle?.();
  const seconds = (performance.now() - start) / 1000;
  return { memories: count, seconds, perSecond: count / seconds, rssMb: rssMb() };
}

interface Series extends LatencyStats {
  readonly qps: number;
  readonly errors: number;
  readonly cacheHits: number;
}

/** Weaves `queries` one after another, as one client would, timing each. */
async function timeWeaves(app: App, queries: readonly string[], mode: WeaveMode, useCache: boolean, progress: BenchProgress): Promise<Series> {
  const samples: number[] = [];
  let errors = 0;
  let cacheHits = 0;
  const start = performance.now();
  for (const query of queries) {
    const t0 = performance.now();
    const spacetime = await app.services.shuttle.weave({ id: newId('st'), tenant: TENANT, query, mode, sessionId: null, useCache, tool: null });
    samples.push(performance.now() - t0);
    errors += spacetime.error === null ? 0 : 1;
    cacheHits += spacetime.cacheHit ? 1 : 0;
    progress.advance();
  }
  const seconds = (performance.now() - start) / 1000;
  return { ...summarize(samples), qps: queries.length / seconds, errors, cacheHits };
}

/** Unique text per weave and the cache off: every weave embeds its query and runs the whole cycle. */
async function uncachedRow(app: App, queries: readonly string[], mode: BenchMode, progress: BenchProgress): Promise<WeaveRow> {
  progress.phase(weaveRowName(mode, false), queries.length);
  const unique = queries.map((query, i) => `${query} (${mode.toLowerCase()} ${i})`);
  const series = await timeWeaves(app, unique, mode, false, progress);
  return { name: weaveRowName(mode, false), mode, cached: false, ...series, rssMb: rssMb() };
}

/** Answers a small pool of queries once (untimed), then times `queries.length` repeats of them: cache hits. */
async function cachedRow(app: App, queries: readonly string[], mode: BenchMode, progress: BenchProgress): Promise<WeaveRow> {
  const pool = queries.slice(0, CACHED_POOL);
  progress.phase(weaveRowName(mode, true), pool.length + queries.length);
  await timeWeaves(app, pool, mode, true, progress);
  const repeats = queries.map((_, i) => pool[i % pool.length] ?? '');
  const series = await timeWeaves(app, repeats, mode, true, progress);
  return { name: weaveRowName(mode, true), mode, cached: true, ...series, rssMb: rssMb() };
}

async function timeRecall(app: App, queries: readonly string[], progress: BenchProgress): Promise<LatencyStats> {
  progress.phase('recall k=10', queries.length);
  const samples: number[] = [];
  for (const text of queries) {
    const t0 = performance.now();
    await app.services.store.recall({ tenant: TENANT, text, k: 10 });
    samples.push(performance.now() - t0);
    progress.advance();
  }
  return summarize(samples);
}

/** Rows in reading order: each mode uncached, then cached, as `cache` asks. */
async function weaveRows(app: App, options: WeaveBenchOptions, queries: readonly string[], progress: BenchProgress): Promise<WeaveRow[]> {
  const cache = options.cache ?? 'both';
  const rows: WeaveRow[] = [];
  for (const mode of options.modes) {
    if (cache !== 'on') {
      rows.push(await uncachedRow(app, queries, mode, progress));
    }
    if (cache !== 'off') {
      rows.push(await cachedRow(app, queries, mode, progress));
    }
  }
  return rows;
}

async function measure(app: App, options: WeaveBenchOptions, progress: BenchProgress): Promise<WeaveBenchResult> {
  await app.services.store.ping();
  const ingested = await ingest(app, options.memories, progress);
  const queries = syntheticQueries(options.queries, createSeededRng(7));
  // Warm every timed path (a database plans and compiles each query shape on first use).
  const modes = ['AUTO', ...options.modes] as const;
  progress.phase('warm-up', modes.length * WARM_UP_WEAVES);
  for (const mode of modes) {
    await timeWeaves(app, syntheticQueries(WARM_UP_WEAVES, createSeededRng(1)), mode, false, progress);
  }
  const rows = await weaveRows(app, options, queries, progress);
  const recall = await timeRecall(app, queries, progress);
  const health = await app.services.health(TENANT);
  return { backend: health.backend, embedder: health.embedder, memories: health.memoryCount, ingest: ingested, rows, recall };
}

/** Ingests a synthetic corpus in-process, then times weaves per mode (uncached and cached) and recall. */
export async function runWeaveBench(options: WeaveBenchOptions): Promise<WeaveBenchResult> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hololoom-bench-'));
  const backend = options.backend ?? 'embedded';
  const config = loadConfig({
    HOLOLOOM_DATA_DIR: dataDir,
    HOLOLOOM_EMBEDDER: options.embedder,
    HOLOLOOM_PROJECTION: options.projection,
    HOLOLOOM_BACKEND: backend,
    ...(backend === 'neo4j' ? neo4jEnvironment() : {}),
  });
  const app = await createApp(config, { logger: createSilentLogger() });
  try {
    return await measure(app, options, options.progress ?? silentProgress);
  } finally {
    if (app.graphDb !== null) {
      await dropTenant(app.graphDb, TENANT);
    }
    await app.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}
