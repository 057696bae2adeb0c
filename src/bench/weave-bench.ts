import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { createApp, type App } from '../app/index.js';
import { loadConfig } from '../config/index.js';
import { createSilentLogger } from '../observability/index.js';
import { createSeededRng, newId } from '../shared/index.js';
import type { WeaveMode } from '../shuttle/index.js';

import { syntheticCorpus, syntheticQueries } from './corpus.js';
import { dropTenant, neo4jEnvironment } from './neo4j-target.js';
import { summarize, type LatencyStats } from './stats.js';

/** Each run writes under its own tenant, so a shared Neo4j keeps other data apart and can be cleaned. */
const TENANT = `bench-${newId('run').slice(-12)}`;
const BATCH = 1_000;

export interface WeaveBenchOptions {
  readonly memories: number;
  readonly queries: number;
  readonly modes: readonly Exclude<WeaveMode, 'AUTO'>[];
  readonly embedder: 'hashing' | 'onnx' | 'auto';
  readonly projection: 'truncate' | 'pca';
  /** @default 'embedded' */
  readonly backend?: 'embedded' | 'neo4j';
}

export interface WeaveBenchResult {
  readonly backend: string;
  readonly embedder: string;
  readonly memories: number;
  readonly ingest: { readonly seconds: number; readonly perSecond: number };
  readonly weave: Readonly<Record<string, LatencyStats & { readonly qps: number; readonly errors: number }>>;
  readonly cacheHit: LatencyStats;
  readonly recall: LatencyStats;
  readonly rssMb: number;
}

async function ingest(app: App, count: number): Promise<{ seconds: number; perSecond: number }> {
  const corpus = syntheticCorpus(count, createSeededRng(42));
  const start = performance.now();
  for (let i = 0; i < corpus.length; i += BATCH) {
    await app.services.store.remember(TENANT, corpus.slice(i, i + BATCH));
  }
  // A projection fit started by the last batches belongs to ingest, not to the weaves timed next.
  await app.services.store.idle?.();
  const seconds = (performance.now() - start) / 1000;
  return { seconds, perSecond: count / seconds };
}

async function timeWeaves(app: App, queries: readonly string[], mode: WeaveMode, useCache: boolean) {
  const samples: number[] = [];
  let errors = 0;
  const start = performance.now();
  for (const [i, base] of queries.entries()) {
    // Unique text per weave unless the cache is under test: every weave then embeds its query.
    const query = useCache ? base : `${base} (${mode.toLowerCase()} ${i})`;
    const t0 = performance.now();
    const spacetime = await app.services.shuttle.weave({ id: newId('st'), tenant: TENANT, query, mode, sessionId: null, useCache, tool: null });
    samples.push(performance.now() - t0);
    errors += spacetime.error === null ? 0 : 1;
  }
  const seconds = (performance.now() - start) / 1000;
  return { ...summarize(samples), qps: queries.length / seconds, errors };
}

async function timeRecall(app: App, queries: readonly string[]): Promise<LatencyStats> {
  const samples: number[] = [];
  for (const text of queries) {
    const t0 = performance.now();
    await app.services.store.recall({ tenant: TENANT, text, k: 10 });
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

/** The first weave fills the cache; the next `n` identical ones are hits. */
async function timeCacheHits(app: App, query: string, n: number): Promise<LatencyStats> {
  await timeWeaves(app, [query], 'FAST', true);
  return timeWeaves(app, Array.from({ length: n }, () => query), 'FAST', true);
}

/** Ingests a synthetic corpus in-process, then times weaves per mode, cache hits and recall. */
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
    await app.services.store.ping();
    const ingested = await ingest(app, options.memories);
    const queries = syntheticQueries(options.queries, createSeededRng(7));
    // Warm every timed path (a database plans and compiles each query shape on first use).
    for (const mode of ['AUTO', ...options.modes] as const) {
      await timeWeaves(app, syntheticQueries(30, createSeededRng(1)), mode, false);
    }
    const weave: Record<string, LatencyStats & { qps: number; errors: number }> = {};
    for (const mode of options.modes) {
      weave[mode] = await timeWeaves(app, queries, mode, false);
    }
    const health = await app.services.health(TENANT);
    return {
      backend: health.backend,
      embedder: health.embedder,
      memories: health.memoryCount,
      ingest: ingested,
      weave,
      cacheHit: await timeCacheHits(app, queries[0] ?? 'warm', 500),
      recall: await timeRecall(app, queries),
      rssMb: process.memoryUsage().rss / 1_048_576,
    };
  } finally {
    if (app.graphDb !== null) {
      await dropTenant(app.graphDb, TENANT);
    }
    await app.dispose();
    await rm(dataDir, { recursive: true, force: true });
  }
}
