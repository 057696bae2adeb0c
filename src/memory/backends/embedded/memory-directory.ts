import type { TimeBounds } from './memory-table.js';

/** What the directory knows of one memory. */
interface Entry {
  readonly tenant: string;
  readonly createdAtMs: number;
}

/** Which rows a recall may use, and roughly what share of all rows that is. */
export interface SeqFilter {
  readonly accept: (seq: number) => boolean;
  /** The tenant's share of all rows (0..1): sizes the first over-fetch of shared indexes. */
  readonly expectedRate: number;
}

/**
 * seq → (tenant, created_at) for every stored memory, kept in process. The vector index and
 * FTS5 rank memories of all tenants together; this map filters their candidates by tenant and
 * time window without a join back to `memories` (which cost ~1 µs per candidate row).
 */
export function createMemoryDirectory() {
  const entries = new Map<number, Entry>();
  const perTenant = new Map<string, number>();
  const bump = (tenant: string, delta: number): void => {
    const next = (perTenant.get(tenant) ?? 0) + delta;
    if (next > 0) {
      perTenant.set(tenant, next);
    } else {
      perTenant.delete(tenant);
    }
  };
  return {
    get size() {
      return entries.size;
    },
    set(seq: number, tenant: string, createdAtMs: number): void {
      if (!entries.has(seq)) {
        bump(tenant, 1);
      }
      entries.set(seq, { tenant, createdAtMs });
    },
    delete(seq: number): void {
      const entry = entries.get(seq);
      if (entry !== undefined) {
        entries.delete(seq);
        bump(entry.tenant, -1);
      }
    },
    createdAt: (seq: number): number => entries.get(seq)?.createdAtMs ?? 0,
    /** Rows of `tenant` created inside `bounds`. */
    filter(tenant: string, bounds: TimeBounds): SeqFilter {
      const accept = (seq: number): boolean => {
        const entry = entries.get(seq);
        return entry !== undefined && entry.tenant === tenant && entry.createdAtMs >= bounds.startMs && entry.createdAtMs <= bounds.endMs;
      };
      return { accept, expectedRate: (perTenant.get(tenant) ?? 0) / Math.max(1, entries.size) };
    },
  };
}

export type MemoryDirectory = ReturnType<typeof createMemoryDirectory>;
