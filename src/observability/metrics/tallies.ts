import { createSlidingLatency, type SlidingLatency } from './sliding-latency.js';
import type { NamedCount, NamedLatency } from './types.js';

/** Counts by name since start; read sorted by count (most first), then by name. */
export interface Counts {
  add(name: string): void;
  sorted(): NamedCount[];
}

export function createCounts(): Counts {
  const counts = new Map<string, number>();
  return {
    add: (name) => void counts.set(name, (counts.get(name) ?? 0) + 1),
    sorted: () =>
      [...counts]
        .map(([name, count]) => ({ name, count }))
        .sort((a, b) => b.count - a.count || compareNames(a.name, b.name)),
  };
}

/** Calls, errors and a sliding latency per name; read sorted by name. */
export interface LatencyTable {
  record(name: string, durationMs: number, failed: boolean, now?: number): void;
  sorted(): NamedLatency[];
}

interface Row {
  total: number;
  errors: number;
  readonly latency: SlidingLatency;
}

export function createLatencyTable(clock: () => number): LatencyTable {
  const rows = new Map<string, Row>();
  return {
    record(name, durationMs, failed, now) {
      let row = rows.get(name);
      if (row === undefined) {
        row = { total: 0, errors: 0, latency: createSlidingLatency({ clock }) };
        rows.set(name, row);
      }
      row.total++;
      if (failed) {
        row.errors++;
      }
      row.latency.record(durationMs, now);
    },
    sorted: () =>
      [...rows]
        .sort(([a], [b]) => compareNames(a, b))
        .map(([name, { total, errors, latency }]) => ({ name, total, errors, latency: latency.summary() })),
  };
}

/** Code-unit order, so the order never depends on the host's locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
