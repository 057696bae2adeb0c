import type { NamedCount } from './snapshot.js';

/** The three traffic-light colours the panels use (ink/chalk colour names). */
export type Colour = 'green' | 'yellow' | 'red';

/** RSS the server is expected to stay within; the RSS colour is relative to it. */
export const RSS_BUDGET_MB = 400;

/** Snapshots of QPS the sparkline keeps: about a minute at the default 1 s interval. */
export const HISTORY_LIMIT = 60;

const SPARK_LEVELS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/** Green below half, yellow below four fifths, red from there (of a budget or of 100 %). */
export function ratioColour(ratio: number): Colour {
  // NaN means no reading yet, which is no reason to alarm anyone.
  if (Number.isNaN(ratio) || ratio < 0.5) {
    return 'green';
  }
  return ratio < 0.8 ? 'yellow' : 'red';
}

/** CPU as a percentage of one core: green < 50 %, yellow < 80 %, red otherwise. */
export function cpuColour(cpuPercent: number): Colour {
  return ratioColour(cpuPercent / 100);
}

/** RSS against its budget: green < 50 %, yellow < 80 %, red otherwise. */
export function rssColour(rssMb: number, budgetMb: number = RSS_BUDGET_MB): Colour {
  return ratioColour(rssMb / budgetMb);
}

/** Filled cells of a bar `width` cells wide for a share in [0, 1] (clamped; NaN is empty). */
export function barCells(share: number, width: number): number {
  if (!Number.isFinite(share) || width <= 0) {
    return 0;
  }
  return Math.round(Math.min(1, Math.max(0, share)) * width);
}

/** A share as a fixed-width bar of full and light blocks. */
export function bar(share: number, width: number): string {
  const filled = barCells(share, width);
  return '█'.repeat(filled) + '░'.repeat(Math.max(0, width - filled));
}

/**
 * One block character per value, scaled from zero to the largest value, so an idle server
 * reads as a flat floor rather than noise stretched to full height.
 */
export function sparkline(values: readonly number[], width: number = HISTORY_LIMIT): string {
  const shown = values.slice(-width);
  const max = Math.max(0, ...shown.filter(Number.isFinite));
  return shown
    .map((value) => {
      if (max === 0 || !Number.isFinite(value) || value <= 0) {
        return SPARK_LEVELS[0];
      }
      const level = Math.min(SPARK_LEVELS.length - 1, Math.round((value / max) * (SPARK_LEVELS.length - 1)));
      return SPARK_LEVELS[level];
    })
    .join('');
}

/** Appends a value and keeps the newest `limit`. */
export function pushHistory(history: readonly number[], value: number, limit: number = HISTORY_LIMIT): number[] {
  return [...history, value].slice(-limit);
}

/** Milliseconds with one decimal below 10 ms and none above: "3.2 ms", "148 ms". */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) {
    return '– ms';
  }
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toString()} ms`;
}

/** Requests per second with one decimal. */
export function formatRate(perSecond: number): string {
  return Number.isFinite(perSecond) ? perSecond.toFixed(1) : '–';
}

/** A ratio in [0, 1] as a whole percentage: "87%". */
export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${Math.round(ratio * 100).toString()}%` : '–';
}

/** Megabytes without decimals above 100 MB, one below. */
export function formatMb(mb: number): string {
  return `${mb >= 100 ? Math.round(mb).toString() : mb.toFixed(1)} MB`;
}

/** "42s", "3m 05s", "2h 07m": the two largest units. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const pad = (n: number): string => n.toString().padStart(2, '0');
  if (total < 60) {
    return `${total.toString()}s`;
  }
  if (total < 3600) {
    return `${Math.floor(total / 60).toString()}m ${pad(total % 60)}s`;
  }
  return `${Math.floor(total / 3600).toString()}h ${pad(Math.floor((total % 3600) / 60))}m`;
}

/** Local wall-clock time "HH:MM:SS" of an ISO timestamp ("–" when unparsable). */
export function formatClock(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '–' : date.toTimeString().slice(0, 8);
}

export interface Share {
  readonly name: string;
  readonly count: number;
  /** count / sum of counts; 0 when nothing was counted. */
  readonly share: number;
}

/** Counts with their share of the total, largest first (ties by name, so frames are stable). */
export function sharesOf(counts: readonly NamedCount[]): Share[] {
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  return counts
    .map((entry) => ({ name: entry.name, count: entry.count, share: total > 0 ? entry.count / total : 0 }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
