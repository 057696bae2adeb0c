import type { EmbedderBenchResult } from './embedder-bench.js';
import type { LatencyStats } from './stats.js';
import type { WeaveBenchResult } from './weave-bench.js';

const ms = (value: number): string => value.toFixed(2).padStart(9);

function row(name: string, stats: LatencyStats, extra = ''): string {
  return `${name.padEnd(22)}${String(stats.count).padStart(7)}${ms(stats.mean)}${ms(stats.p50)}${ms(stats.p95)}${ms(stats.p99)}  ${extra}`;
}

/** A plain-text table of a benchmark run. */
export function formatReport(result: WeaveBenchResult, startup: LatencyStats | null): string {
  const lines = [
    `HoloLoom benchmark — ${result.backend} backend, embedder ${result.embedder}, ${result.memories} memories, RSS ${result.rssMb.toFixed(0)} MB`,
    `ingest: ${result.ingest.perSecond.toFixed(0)} memories/s (${result.ingest.seconds.toFixed(2)} s)`,
    '',
    `${'operation'.padEnd(22)}${'n'.padStart(7)}${'mean'.padStart(9)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'p99'.padStart(9)}  (ms)`,
    ...Object.entries(result.weave).map(([mode, stats]) =>
      row(`weave ${mode}`, stats, `${stats.qps.toFixed(0)} qps, ${stats.errors} errors`),
    ),
    row('weave cache hit', result.cacheHit),
    row('recall k=10', result.recall),
  ];
  if (startup !== null) {
    lines.push(row('server start → ready', startup));
  }
  return lines.join('\n');
}

/** A plain-text summary of an embedder benchmark. */
export function formatEmbedderReport(result: EmbedderBenchResult): string {
  return [
    `embedder ${result.model}: load ${result.loadMs.toFixed(0)} ms, +${result.rssMb.toFixed(0)} MB RSS`,
    row('embed one short query', result.singleQuery),
    `batched embedding: ${result.batchedPerSecond.toFixed(0)} sentences/s`,
  ].join('\n');
}
