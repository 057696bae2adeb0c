import type { SqliteDatabase } from '../../../storage/index.js';

import type { MemoryRow } from './memory-row.js';

/** Inclusive created_at bounds; the full range when a query has no window. */
export interface TimeBounds {
  readonly startMs: number;
  readonly endMs: number;
}

export const ALL_TIME: TimeBounds = { startMs: Number.MIN_SAFE_INTEGER, endMs: Number.MAX_SAFE_INTEGER };

/** Values for one new `memories` row. */
export interface MemoryInsert {
  readonly id: string;
  readonly tenant: string;
  readonly text: string;
  readonly createdAt: number;
  readonly tags: string;
  readonly entities: string;
  readonly source: string | null;
  readonly sessionId: string | null;
  readonly vector: Buffer;
  readonly projected: Buffer | null;
}

/** A row of the start-up scan that fills the in-process indexes. */
export interface VectorRow {
  readonly seq: number;
  readonly tenant: string;
  readonly created_at: number;
  readonly vector: Buffer;
  readonly projected: Buffer | null;
}

// Id lists travel as one JSON parameter, so each statement is prepared once whatever the length.
const IN_LIST = 'SELECT value FROM json_each(?)';
// `+tenant` keeps SQLite from scanning the tenant index: a few keys should drive the lookup.

/** Prepared statements over `memories` (the FTS triggers fire on insert and delete). */
export function createMemoryTable(db: SqliteDatabase) {
  const insert = db.prepare<MemoryInsert>(
    `INSERT INTO memories (id, tenant, text, created_at, tags, entities, source, session_id, vector, projected)
     VALUES (@id, @tenant, @text, @createdAt, @tags, @entities, @source, @sessionId, @vector, @projected)`,
  );
  const bySeqs = db.prepare<[string, string], MemoryRow>(
    `SELECT * FROM memories WHERE +tenant = ? AND seq IN (${IN_LIST})`,
  );
  const byIds = db.prepare<[string, string], MemoryRow>(
    `SELECT * FROM memories WHERE +tenant = ? AND id IN (${IN_LIST})`,
  );
  const find = db.prepare<[string, string], { seq: number; text: string }>(
    'SELECT seq, text FROM memories WHERE tenant = ? AND id = ?',
  );
  const remove = db.prepare<[number]>('DELETE FROM memories WHERE seq = ?');
  const count = db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM memories WHERE tenant = ?');
  // Insertion order, not created_at: the NEXT_IN_TIME chain must not fork if a clock steps back.
  const latest = db.prepare<[string], { seq: number }>(
    'SELECT seq FROM memories WHERE tenant = ? ORDER BY seq DESC LIMIT 1',
  );
  const recentInSession = db.prepare<[string, string, number, number, number], { seq: number }>(
    `SELECT seq FROM memories
     WHERE tenant = ? AND session_id = ? AND created_at BETWEEN ? AND ?
     ORDER BY created_at DESC, seq DESC LIMIT ?`,
  );
  const allVectors = db.prepare<[], VectorRow>(
    'SELECT seq, tenant, created_at, vector, projected FROM memories ORDER BY seq',
  );
  const vectorsAfter = db.prepare<[number, number], { seq: number; vector: Buffer }>(
    'SELECT seq, vector FROM memories WHERE seq > ? ORDER BY seq LIMIT ?',
  );
  const setProjected = db.prepare<[Buffer | null, number]>('UPDATE memories SET projected = ? WHERE seq = ?');
  const maxSeq = db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM memories');


  return {
    /** Inserts one row and returns its seq. */
    insert: (row: MemoryInsert): number => Number(insert.run(row).lastInsertRowid),
    bySeqs: (tenant: string, seqs: readonly number[]): MemoryRow[] =>
      seqs.length === 0 ? [] : bySeqs.all(tenant, JSON.stringify(seqs)),
    byIds: (tenant: string, ids: readonly string[]): MemoryRow[] =>
      ids.length === 0 ? [] : byIds.all(tenant, JSON.stringify(ids)),
    find: (tenant: string, id: string): { seq: number; text: string } | undefined => find.get(tenant, id),
    remove: (seq: number): void => {
      remove.run(seq);
    },
    count: (tenant: string): number => count.get(tenant)?.n ?? 0,
    latestSeq: (tenant: string): number | undefined => latest.get(tenant)?.seq,
    recentInSession: (tenant: string, sessionId: string, bounds: TimeBounds, limit: number): number[] =>
      recentInSession.all(tenant, sessionId, bounds.startMs, bounds.endMs, limit).map((row) => row.seq),
    allVectors: (): IterableIterator<VectorRow> => allVectors.iterate(),
    /** A page of raw vectors after `seq`, for rewriting projections without an open iterator. */
    vectorsAfter: (seq: number, limit: number): { seq: number; vector: Buffer }[] => vectorsAfter.all(seq, limit),
    /** The newest row's seq (0 when empty). */
    maxSeq: (): number => maxSeq.get()?.seq ?? 0,
    setProjected: (seq: number, projected: Buffer | null): void => {
      setProjected.run(projected, seq);
    },
    ...setAsideProjections(db),
  };
}

export type MemoryTable = ReturnType<typeof createMemoryTable>;

/** A running refit's projections, kept in `projected_next` until its swap (see projection-fit.ts). */
function setAsideProjections(db: SqliteDatabase) {
  const setNext = db.prepare<[Buffer, number]>('UPDATE memories SET projected_next = ? WHERE seq = ?');
  const promote = db.prepare('UPDATE memories SET projected = projected_next, projected_next = NULL WHERE projected_next IS NOT NULL');
  const clear = db.prepare('UPDATE memories SET projected_next = NULL WHERE projected_next IS NOT NULL');
  return {
    setProjectedNext: (seq: number, projected: Buffer): void => {
      setNext.run(projected, seq);
    },
    /** The swap: every row's set-aside projection becomes its projection. */
    promoteProjectedNext: (): void => {
      promote.run();
    },
    /** Drops what an abandoned refit left aside. */
    clearProjectedNext: (): void => {
      clear.run();
    },
  };
}
