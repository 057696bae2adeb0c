import type { SqliteDatabase } from '../../../storage/index.js';

/**
 * The NEXT_IN_TIME chain: each tenant's memories linked in the order they were stored, so a
 * walk can follow time without sorting. Forgetting a memory splices its neighbours together.
 */
export function createTimeChain(db: SqliteDatabase) {
  const link = db.prepare<[number, number]>('INSERT INTO next_in_time (prev_seq, next_seq) VALUES (?, ?)');
  const prevOf = db.prepare<[number], { seq: number }>('SELECT prev_seq AS seq FROM next_in_time WHERE next_seq = ?');
  const nextOf = db.prepare<[number], { seq: number }>('SELECT next_seq AS seq FROM next_in_time WHERE prev_seq = ?');
  return {
    link(prev: number, next: number): void {
      link.run(prev, next);
    },
    /**
     * Runs `remove` (which deletes memory `seq`; the links cascade away with it), then joins the
     * memory's neighbours so the chain has no gap. Call inside a transaction.
     */
    spliceOut(seq: number, remove: () => void): void {
      const prev = prevOf.get(seq)?.seq;
      const next = nextOf.get(seq)?.seq;
      remove();
      if (prev !== undefined && next !== undefined) {
        link.run(prev, next);
      }
    },
    /** The memory stored right after `seq`, if any (for tests and walks). */
    nextOf: (seq: number): number | undefined => nextOf.get(seq)?.seq,
  };
}

export type TimeChain = ReturnType<typeof createTimeChain>;
