import type { EmbedderBenchResult } from './embedder-bench.js';
import type { BenchRun, HttpFigures, IngestFigures, WeaveRow, Winners } from './results.js';
import type { LatencyStats } from './stats.js';
import { formatTable, mb, ms, whole, type Column } from './table.js';

const WEAVE_COLUMNS: readonly Column[] = [
  { header: 'Name', align: 'left' },
  { header: 'Mode', align: 'left' },
  { header: 'Queries' },
  { header: 'Mean' },
  { header: 'P95' },
  { header: 'P99' },
  { header: 'QPS' },
  { header: 'Mem MB' },
];

const HTTP_COLUMNS: readonly Column[] = [
  { header: 'Scenario', align: 'left' },
  { header: 'Connections' },
  { header: 'Req/s' },
  { header: 'P50' },
  { header: 'P95' },
  { header: 'P99' },
  { header: 'Errors' },
  { header: 'Server MB' },
];

/** The weave rows: latency in ms, QPS of weaves run one after another, RSS after the row. */
export function formatWeaveTable(rows: readonly WeaveRow[]): string {
  return formatTable(
    WEAVE_COLUMNS,
    rows.map((row) => [row.name, row.mode, String(row.count), ms(row.mean), ms(row.p95), ms(row.p99), whole(row.qps), mb(row.rssMb)]),
  );
}

/** One line naming the best row for each figure. */
export function formatWinners(winners: Winners, rows: readonly WeaveRow[]): string {
  const byName = new Map(rows.map((row) => [row.name, row]));
  const mean = byName.get(winners.fastestMean)?.mean ?? 0;
  const qps = byName.get(winners.highestQps)?.qps ?? 0;
  const rss = byName.get(winners.lowestMemory)?.rssMb ?? 0;
  return [
    `winners: fastest mean ${winners.fastestMean} (${ms(mean)} ms)`,
    `highest QPS ${winners.highestQps} (${whole(qps)})`,
    `lowest memory ${winners.lowestMemory} (${mb(rss)} MB)`,
  ].join(' · ');
}

const latencyLine = (label: string, stats: LatencyStats): string =>
  `${label}: mean ${ms(stats.mean)} ms, p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)}, p99 ${ms(stats.p99)} (n=${stats.count})`;

const ingestLine = (label: string, ingest: IngestFigures): string =>
  `${label}: ${whole(ingest.memories)} memories in ${ingest.seconds.toFixed(2)} s = ${whole(ingest.perSecond)} memories/s, RSS after ${mb(ingest.rssMb)} MB`;

/** Cached rows that missed the cache are worth a line: the policy may pick an uncacheable tool. */
function cacheNotes(rows: readonly WeaveRow[]): string[] {
  return rows
    .filter((row) => row.cached && row.cacheHits < row.count)
    .map((row) => `note: ${row.name} hit the cache ${row.cacheHits} of ${row.count} times`);
}

/** The HTTP scenarios as a table, then seeding and the GraphQL-overhead ratio. */
export function formatHttpReport(http: HttpFigures): string {
  const table = formatTable(
    HTTP_COLUMNS,
    http.scenarios.map((s) => [s.name, String(s.connections), whole(s.requestsPerSecond), ms(s.latency.p50), ms(s.latency.p95), ms(s.latency.p99), String(s.errors), mb(s.serverRssMb)]),
  );
  const lines = [
    ingestLine('seed over HTTP (rememberMany, 1,000 a request)', http.seed),
    `server busy for ${http.settleSeconds.toFixed(1)} s after the last batch (RSS above taken once it was idle)`,
    '',
    `${table}\n(latency in ms; ${http.durationS} s per scenario; Server MB is the serving process's RSS after it)`,
    '',
    `GraphQL overhead: cached weave req/s ÷ bare Apollo req/s = ${percent(http.overheadRatio)}`,
    ...roundsLine(http.overheadRounds),
  ];
  return lines.join('\n');
}

const percent = (ratio: number | null): string => (ratio === null ? '–' : `${(ratio * 100).toFixed(1)}%`);

function roundsLine(rounds: readonly number[] | undefined): string[] {
  return rounds === undefined || rounds.length < 2 ? [] : [`  in each alternating round: ${rounds.map(percent).join(', ')}`];
}

function heading(run: BenchRun): string {
  const s = run.settings;
  const load = run.environment.loadAverage.map((value) => value.toFixed(2)).join(' ');
  return `HoloLoom benchmark — ${s.backend} backend, embedder ${s.embedder}, ${whole(s.memories)} memories (${run.environment.cpus} CPUs, load ${load})`;
}

/** Everything a run measured, in the order it is read: ingest, the weave table, winners, the rest. */
export function formatReport(run: BenchRun): string {
  const lines = [heading(run)];
  if (run.ingest !== null) {
    lines.push(ingestLine('ingest (remember, 1,000 a batch)', run.ingest));
  }
  if (run.rows.length > 0) {
    lines.push('', formatWeaveTable(run.rows), '(Mean, P95, P99 in ms; Mem MB is process RSS after the row)', ...cacheNotes(run.rows));
  }
  if (run.winners !== null) {
    lines.push('', formatWinners(run.winners, run.rows));
  }
  const extras = [
    ...(run.recall === null ? [] : [latencyLine('recall k=10', run.recall)]),
    ...(run.startup === null ? [] : [latencyLine('server start → /readyz 200', run.startup)]),
  ];
  if (extras.length > 0) {
    lines.push('', ...extras);
  }
  if (run.http !== null) {
    lines.push('', formatHttpReport(run.http));
  }
  return lines.join('\n');
}

/** A plain-text summary of an embedder benchmark. */
export function formatEmbedderReport(result: EmbedderBenchResult): string {
  return [
    `embedder ${result.model}: load ${result.loadMs.toFixed(0)} ms, +${result.rssMb.toFixed(0)} MB RSS`,
    latencyLine('embed one short query', result.singleQuery),
    `batched embedding: ${whole(result.batchedPerSecond)} sentences/s`,
  ].join('\n');
}
