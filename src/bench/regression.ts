import { z } from 'zod';

import { BENCH_RESULTS_VERSION } from './results.js';
import { formatTable, ms, whole } from './table.js';

/** The latency fields a comparison reads. */
interface Latency {
  readonly mean: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

/** The parts of a bench JSON file that carry comparable figures; `BenchRun` is one. */
export interface ComparableRun {
  readonly settings: { readonly backend: string; readonly embedder: string; readonly projection: string; readonly memories: number; readonly http: boolean };
  readonly ingest: { readonly perSecond: number } | null;
  readonly rows: readonly (Latency & { readonly name: string; readonly qps: number })[];
  readonly recall: Latency | null;
  readonly startup: Latency | null;
  readonly http: {
    readonly seed: { readonly perSecond: number };
    readonly scenarios: readonly { readonly name: string; readonly requestsPerSecond: number; readonly latency: Latency }[];
    readonly overheadRatio: number | null;
  } | null;
}

const latency = z.object({ mean: z.number(), p50: z.number(), p95: z.number(), p99: z.number() });

/** zod checks a baseline file before it is trusted: a hand-edited or older file fails with the path of the bad field. */
const ComparableRunSchema = z.object({
  version: z.literal(BENCH_RESULTS_VERSION),
  settings: z.object({ backend: z.string(), embedder: z.string(), projection: z.string(), memories: z.number(), http: z.boolean() }),
  ingest: z.object({ perSecond: z.number() }).nullable(),
  rows: z.array(latency.extend({ name: z.string(), qps: z.number() })),
  recall: latency.nullable(),
  startup: latency.nullable(),
  http: z
    .object({
      seed: z.object({ perSecond: z.number() }),
      scenarios: z.array(z.object({ name: z.string(), requestsPerSecond: z.number(), latency })),
      overheadRatio: z.number().nullable(),
    })
    .nullable(),
});

/** Reads a bench JSON document (a baseline); throws naming what is wrong with it. */
export function parseBenchRun(json: unknown): ComparableRun {
  const parsed = ComparableRunSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Not a bench results file of version ${BENCH_RESULTS_VERSION}: ${issues}`);
  }
  return parsed.data;
}

/** One comparable number: latency (lower is better) or a rate (higher is better). */
export interface Figure {
  readonly section: string;
  readonly name: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: 'ms' | '/s' | 'ratio';
}

const lowerIsBetter = (figure: Pick<Figure, 'unit'>): boolean => figure.unit === 'ms';

function latencyFigures(section: string, name: string, stats: Latency, metrics: readonly (keyof Latency)[]): Figure[] {
  return metrics.map((metric) => ({ section, name, metric, value: stats[metric], unit: 'ms' }));
}

/** Every figure a run holds, each named by section, row and metric. */
export function figuresOf(run: ComparableRun): Figure[] {
  const figures: Figure[] = [];
  if (run.ingest !== null) {
    figures.push({ section: 'ingest', name: 'remember', metric: 'rate', value: run.ingest.perSecond, unit: '/s' });
  }
  for (const row of run.rows) {
    figures.push(...latencyFigures('weave', row.name, row, ['mean', 'p95', 'p99']), { section: 'weave', name: row.name, metric: 'qps', value: row.qps, unit: '/s' });
  }
  if (run.recall !== null) {
    figures.push(...latencyFigures('recall', 'k=10', run.recall, ['mean', 'p95', 'p99']));
  }
  if (run.startup !== null) {
    figures.push(...latencyFigures('startup', 'ready', run.startup, ['mean', 'p95']));
  }
  if (run.http !== null) {
    figures.push({ section: 'http', name: 'seed', metric: 'rate', value: run.http.seed.perSecond, unit: '/s' });
    for (const s of run.http.scenarios) {
      figures.push({ section: 'http', name: s.name, metric: 'req/s', value: s.requestsPerSecond, unit: '/s' });
      figures.push(...latencyFigures('http', s.name, s.latency, ['p50', 'p95', 'p99']));
    }
    if (run.http.overheadRatio !== null) {
      figures.push({ section: 'http', name: 'cached ÷ bare', metric: 'ratio', value: run.http.overheadRatio, unit: 'ratio' });
    }
  }
  return figures;
}

export type ComparisonStatus = 'ok' | 'regressed' | 'improved' | 'missing' | 'new';

/** A figure in both runs (or only one: `missing` from the current run, `new` in it). */
export interface Comparison {
  readonly section: string;
  readonly name: string;
  readonly metric: string;
  readonly unit: Figure['unit'];
  readonly baseline: number | null;
  readonly current: number | null;
  /** (current − baseline) ÷ baseline; null when either side is absent. */
  readonly change: number | null;
  readonly status: ComparisonStatus;
}

export interface CompareOptions {
  /** Relative change beyond which a figure counts as slower (or faster). @default 0.2 */
  readonly threshold?: number;
  /**
   * Latency moves smaller than this never count: a 0.03 ms cache hit that takes 0.04 ms is
   * +33% but only timer noise. @default 0.05
   */
  readonly minLatencyDeltaMs?: number;
}

function judge(baseline: number, current: number, unit: Figure['unit'], options: Required<CompareOptions>): Pick<Comparison, 'change' | 'status'> {
  // Figures are never negative; from a zero baseline any rise is an unbounded change.
  const change = baseline === 0 ? (current === 0 ? 0 : Number.POSITIVE_INFINITY) : (current - baseline) / baseline;
  // Worse is up for latency, down for rates; `worse` > 0 means this run is slower.
  const worse = lowerIsBetter({ unit }) ? change : -change;
  const tooSmall = unit === 'ms' && Math.abs(current - baseline) < options.minLatencyDeltaMs;
  if (tooSmall || Math.abs(worse) <= options.threshold) {
    return { change, status: 'ok' };
  }
  return { change, status: worse > 0 ? 'regressed' : 'improved' };
}

const keyOf = (figure: Pick<Figure, 'section' | 'name' | 'metric'>): string => `${figure.section}\u0000${figure.name}\u0000${figure.metric}`;

/** Figure-by-figure comparison of a run with a baseline, baseline order first, then figures only the current run has. */
export function compareRuns(baseline: ComparableRun, current: ComparableRun, options: CompareOptions = {}): Comparison[] {
  const settings: Required<CompareOptions> = { threshold: options.threshold ?? 0.2, minLatencyDeltaMs: options.minLatencyDeltaMs ?? 0.05 };
  const now = new Map(figuresOf(current).map((figure) => [keyOf(figure), figure]));
  const compared: Comparison[] = figuresOf(baseline).map((before) => {
    const after = now.get(keyOf(before));
    now.delete(keyOf(before));
    const base = { section: before.section, name: before.name, metric: before.metric, unit: before.unit, baseline: before.value };
    return after === undefined
      ? { ...base, current: null, change: null, status: 'missing' }
      : { ...base, current: after.value, ...judge(before.value, after.value, before.unit, settings) };
  });
  const added = [...now.values()].map((figure): Comparison => ({
    section: figure.section,
    name: figure.name,
    metric: figure.metric,
    unit: figure.unit,
    baseline: null,
    current: figure.value,
    change: null,
    status: 'new',
  }));
  return [...compared, ...added];
}

export const hasRegression = (comparisons: readonly Comparison[]): boolean => comparisons.some((c) => c.status === 'regressed');

/** Settings that differ between the runs: their figures are then not like for like. */
export function settingsMismatch(baseline: ComparableRun, current: ComparableRun): string[] {
  const keys = ['backend', 'embedder', 'projection', 'memories', 'http'] as const;
  return keys.filter((key) => baseline.settings[key] !== current.settings[key]).map((key) => `${key}: ${String(baseline.settings[key])} → ${String(current.settings[key])}`);
}

function value(figure: number | null, unit: Figure['unit']): string {
  if (figure === null) {
    return '–';
  }
  return unit === 'ms' ? ms(figure) : unit === 'ratio' ? figure.toFixed(3) : whole(figure);
}

const percent = (change: number | null): string => (change === null ? '–' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`);

/** The comparison as a table with a closing verdict line. */
export function formatComparison(comparisons: readonly Comparison[], threshold = 0.2): string {
  const table = formatTable(
    [{ header: 'Section', align: 'left' }, { header: 'Name', align: 'left' }, { header: 'Metric', align: 'left' }, { header: 'Baseline' }, { header: 'Current' }, { header: 'Change' }, { header: 'Status', align: 'left' }],
    comparisons.map((c) => [c.section, c.name, `${c.metric}${c.unit === 'ms' ? ' ms' : ''}`, value(c.baseline, c.unit), value(c.current, c.unit), percent(c.change), c.status === 'regressed' ? 'REGRESSED' : c.status]),
  );
  const regressed = comparisons.filter((c) => c.status === 'regressed').length;
  const verdict = regressed === 0 ? `no figure is more than ${threshold * 100}% slower than the baseline` : `${regressed} figure(s) more than ${threshold * 100}% slower than the baseline`;
  return `${table}\n${verdict}`;
}
