import { availableParallelism, loadavg } from 'node:os';

import type { EmbedderBenchResult } from './embedder-bench.js';
import type { LatencyStats } from './stats.js';

/** Bumped when a field CI compares changes meaning, so an old baseline is refused rather than misread. */
export const BENCH_RESULTS_VERSION = 1;

export type BenchMode = 'BARE' | 'FAST' | 'FUSED';
export type CacheChoice = 'off' | 'on' | 'both';

/** One timed series of in-process weaves: one mode, with or without the query cache. */
export interface WeaveRow extends LatencyStats {
  /** `Weave-FAST` or `Weave-FAST (cached)`; the key a baseline is matched on. */
  readonly name: string;
  readonly mode: BenchMode;
  readonly cached: boolean;
  /** Weaves per second over the series, one at a time. */
  readonly qps: number;
  readonly errors: number;
  /** Weaves the query cache answered (all of a cached row's, ideally; none of an uncached one's). */
  readonly cacheHits: number;
  /** Process RSS right after the series. */
  readonly rssMb: number;
}

/** Memories stored before the timed part, and what holding them costs. */
export interface IngestFigures {
  readonly memories: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** RSS of the process holding the store once ingest (and any projection fit) finished. */
  readonly rssMb: number | null;
}

/** One autocannon run against a live server. */
export interface HttpScenarioResult {
  readonly name: string;
  readonly connections: number;
  readonly durationS: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** Latency in ms, computed from every response (autocannon's own summary has no p95). */
  readonly latency: LatencyStats;
  /** Socket errors and timeouts, non-2xx answers, and 200s that carry GraphQL `errors`. */
  readonly errors: number;
  /** Answers that said `cacheHit: true` (weave scenarios only). */
  readonly cacheHits: number;
  /** Server RSS after the scenario, when the server's process can be measured. */
  readonly serverRssMb: number | null;
}

/** The HTTP suite: seeding over GraphQL, then the scenarios. */
export interface HttpFigures {
  readonly connections: number;
  readonly durationS: number;
  readonly seed: IngestFigures;
  /** How long the server kept working (e.g. refitting its projection) after the last seeded batch. */
  readonly settleSeconds: number;
  readonly scenarios: readonly HttpScenarioResult[];
  /** Cached weave req/s ÷ bare Apollo req/s: what HoloLoom's GraphQL layer keeps of the bare stack. */
  readonly overheadRatio: number | null;
  /** The same ratio in each alternating round, in order (absent in files of older runs). */
  readonly overheadRounds?: readonly number[];
}

/** Names of the best weave rows. */
export interface Winners {
  readonly fastestMean: string;
  readonly highestQps: string;
  readonly lowestMemory: string;
}

/** Where and how a run was taken, so a comparison can say when two runs are not alike. */
export interface BenchSettings {
  readonly backend: string;
  readonly embedder: string;
  readonly projection: string;
  readonly memories: number;
  readonly queries: number | null;
  readonly cache: CacheChoice | null;
  readonly http: boolean;
}

/** Everything one `hololoom bench` run writes to its JSON file. */
export interface BenchRun {
  readonly version: typeof BENCH_RESULTS_VERSION;
  readonly createdAt: string;
  readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number; readonly loadAverage: readonly number[] };
  readonly settings: BenchSettings;
  readonly ingest: IngestFigures | null;
  readonly rows: readonly WeaveRow[];
  readonly winners: Winners | null;
  readonly recall: LatencyStats | null;
  readonly startup: LatencyStats | null;
  readonly embedders: readonly EmbedderBenchResult[];
  readonly http: HttpFigures | null;
}

/** The sections a run measured; the rest are left empty. */
export interface BenchRunParts {
  readonly settings: BenchSettings;
  readonly ingest?: IngestFigures | null;
  readonly rows?: readonly WeaveRow[];
  readonly recall?: LatencyStats | null;
  readonly startup?: LatencyStats | null;
  readonly embedders?: readonly EmbedderBenchResult[];
  readonly http?: HttpFigures | null;
}

/** The row with the least `score`; ties keep the earlier row. */
function best(rows: readonly WeaveRow[], score: (row: WeaveRow) => number): string {
  return rows.reduce((winner, row) => (score(row) < score(winner) ? row : winner)).name;
}

/** Fastest mean, highest QPS and lowest RSS among the weave rows; null when none ran. */
export function pickWinners(rows: readonly WeaveRow[]): Winners | null {
  if (rows.length === 0) {
    return null;
  }
  return { fastestMean: best(rows, (row) => row.mean), highestQps: best(rows, (row) => -row.qps), lowestMemory: best(rows, (row) => row.rssMb) };
}

/** Assembles the JSON document; the machine's load is recorded because timings on a busy machine are noisy. */
export function buildBenchRun(parts: BenchRunParts, now: Date = new Date()): BenchRun {
  const rows = parts.rows ?? [];
  return {
    version: BENCH_RESULTS_VERSION,
    createdAt: now.toISOString(),
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: availableParallelism(), loadAverage: loadavg() },
    settings: parts.settings,
    ingest: parts.ingest ?? null,
    rows,
    winners: pickWinners(rows),
    recall: parts.recall ?? null,
    startup: parts.startup ?? null,
    embedders: parts.embedders ?? [],
    http: parts.http ?? null,
  };
}
