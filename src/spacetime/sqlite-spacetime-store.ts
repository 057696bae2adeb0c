import { createGroupCommit, migrate, type SqliteDatabase } from '../storage/index.js';

import { fromRow, repeatBody, type Row } from './sqlite-spacetime-rows.js';
import { hasCacheHitTrace, type Spacetime, type SpacetimeStore } from './types.js';

const MIGRATIONS = [
  `CREATE TABLE spacetimes (
     id TEXT NOT NULL,
     tenant TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     body TEXT NOT NULL,
     reward REAL,
     PRIMARY KEY (tenant, id)
   );
   CREATE INDEX spacetimes_by_tenant_time ON spacetimes (tenant, created_at DESC);`,
  // The feedback that produced the reward (rating, success, comment), kept for learning.
  'ALTER TABLE spacetimes ADD COLUMN feedback TEXT;',
  // A cache hit keeps only its own fields in `body` and the id of the spacetime it repeats here.
  'ALTER TABLE spacetimes ADD COLUMN repeat_of TEXT;',
  // A cache hit whose trace is the lone lookup: its own fields as columns and the link, nothing
  // else. WITHOUT ROWID keeps the row in its primary key's B-tree, so a save touches two B-trees
  // (with the time index) instead of the three a spacetimes row costs: ~8 against ~14 µs a row.
  `CREATE TABLE spacetime_repeats (
     tenant TEXT NOT NULL,
     id TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     repeat_of TEXT NOT NULL,
     session_id TEXT,
     duration_ms REAL NOT NULL,
     reward REAL,
     feedback TEXT,
     PRIMARY KEY (tenant, id)
   ) WITHOUT ROWID;
   CREATE INDEX spacetime_repeats_by_tenant_time ON spacetime_repeats (tenant, created_at DESC);`,
];

/** A spacetimes row, with the body of the spacetime it repeats when it is a repeat. */
const FROM_SPACETIMES = `SELECT s.id, s.body, s.created_at, s.reward, o.body AS original,
    NULL AS session_id, NULL AS duration_ms, NULL AS repeat_of, 0 AS compact, s.rowid AS seq
  FROM spacetimes s LEFT JOIN spacetimes o ON o.tenant = s.tenant AND o.id = s.repeat_of`;

/** A compact repeat row, with the body of the spacetime it repeats. */
const FROM_REPEATS = `SELECT r.id, NULL AS body, r.created_at, r.reward, o.body AS original,
    r.session_id, r.duration_ms, r.repeat_of, 1 AS compact, NULL AS seq
  FROM spacetime_repeats r LEFT JOIN spacetimes o ON o.tenant = r.tenant AND o.id = r.repeat_of`;

/**
 * A page of both tables, newest first. Each side yields its newest `window` (limit + offset)
 * rows along its time index, so the merge never reads a tenant's whole history. Ties of time
 * put repeats first (a repeat is never older than what it repeats), then the later insert
 * (rowid) or the later id (ids count up within a millisecond).
 */
const PAGE = `SELECT * FROM (${FROM_SPACETIMES} WHERE s.tenant = @tenant ORDER BY s.created_at DESC, s.rowid DESC LIMIT @window)
  UNION ALL SELECT * FROM (${FROM_REPEATS} WHERE r.tenant = @tenant ORDER BY r.created_at DESC, r.id DESC LIMIT @window)
  ORDER BY created_at DESC, compact DESC, seq DESC, id DESC LIMIT @limit OFFSET @offset`;

/** Runs synchronous SQLite work so that a throw becomes a rejection, as the port promises. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}

interface Save {
  readonly spacetime: Spacetime;
  readonly repeatOf: string | undefined;
}

const duplicate = ({ tenant, id }: Spacetime): Error => new Error(`UNIQUE constraint failed: tenant "${tenant}" already has a spacetime "${id}"`);

/**
 * Saves a spacetime in the cheapest form that keeps all of it: a cache hit whose trace is the
 * lone lookup as a compact repeat row, another repeat as its own fields and a link, anything
 * else whole. A repeat is linked only when the spacetime it repeats is stored (saves are best
 * effort, so its own save may have failed); an id is taken once across both tables.
 */
function createWriter(db: SqliteDatabase): (save: Save) => void {
  // Positional parameters (tenant and ids given more than once): binding by name cost ~4 µs a row more.
  const insertCompact = db.prepare<[string, string, number, string, string | null, number, string, string, string, string]>(
    `INSERT INTO spacetime_repeats (tenant, id, created_at, repeat_of, session_id, duration_ms) SELECT ?, ?, ?, ?, ?, ?
     WHERE EXISTS (SELECT 1 FROM spacetimes WHERE tenant = ? AND id = ?) AND NOT EXISTS (SELECT 1 FROM spacetimes WHERE tenant = ? AND id = ?)`,
  );
  const insertLinked = db.prepare<[string, string, number, string, string, string, string, string, string]>(
    `INSERT INTO spacetimes (id, tenant, created_at, body, reward, repeat_of) SELECT ?, ?, ?, ?, NULL, ?
     WHERE EXISTS (SELECT 1 FROM spacetimes WHERE tenant = ? AND id = ?) AND NOT EXISTS (SELECT 1 FROM spacetime_repeats WHERE tenant = ? AND id = ?)`,
  );
  const insertWhole = db.prepare<[string, string, number, string, number | null, string, string]>(
    `INSERT INTO spacetimes (id, tenant, created_at, body, reward) SELECT ?, ?, ?, ?, ?
     WHERE NOT EXISTS (SELECT 1 FROM spacetime_repeats WHERE tenant = ? AND id = ?)`,
  );
  const compact = (spacetime: Spacetime, repeatOf: string): boolean => {
    const { id, tenant, sessionId, durationMs } = spacetime;
    return (
      hasCacheHitTrace(spacetime, repeatOf) &&
      insertCompact.run(tenant, id, spacetime.createdAt.getTime(), repeatOf, sessionId, durationMs, tenant, repeatOf, tenant, id).changes > 0
    );
  };
  const linked = (spacetime: Spacetime, repeatOf: string): boolean => {
    const { id, tenant } = spacetime;
    return insertLinked.run(id, tenant, spacetime.createdAt.getTime(), repeatBody(spacetime), repeatOf, tenant, repeatOf, tenant, id).changes > 0;
  };
  const whole = (spacetime: Spacetime): void => {
    const { reward, ...rest } = spacetime;
    const { id, tenant } = spacetime;
    if (insertWhole.run(id, tenant, spacetime.createdAt.getTime(), JSON.stringify(rest), reward, tenant, id).changes === 0) {
      throw duplicate(spacetime);
    }
  };
  return ({ spacetime, repeatOf }) => {
    if (repeatOf !== undefined && (compact(spacetime, repeatOf) || linked(spacetime, repeatOf))) {
      return;
    }
    whole(spacetime);
  };
}

interface Reads {
  byId(tenant: string, id: string): Spacetime | undefined;
  page(tenant: string, limit: number, offset: number): Spacetime[];
  setReward(tenant: string, id: string, reward: number, feedback: string): boolean;
}

function createReads(db: SqliteDatabase): Reads {
  const spacetimeById = db.prepare<[string, string], Row>(`${FROM_SPACETIMES} WHERE s.tenant = ? AND s.id = ?`);
  const repeatById = db.prepare<[string, string], Row>(`${FROM_REPEATS} WHERE r.tenant = ? AND r.id = ?`);
  const page = db.prepare<[{ tenant: string; window: number; limit: number; offset: number }], Row>(PAGE);
  const rewardSpacetime = db.prepare('UPDATE spacetimes SET reward = ?, feedback = ? WHERE tenant = ? AND id = ?');
  const rewardRepeat = db.prepare('UPDATE spacetime_repeats SET reward = ?, feedback = ? WHERE tenant = ? AND id = ?');
  return {
    byId: (tenant, id) => {
      const row = spacetimeById.get(tenant, id) ?? repeatById.get(tenant, id);
      return row === undefined ? undefined : fromRow(row);
    },
    page: (tenant, limit, offset) =>
      page
        .all({ tenant, window: Math.min(limit + offset, Number.MAX_SAFE_INTEGER), limit, offset })
        .map(fromRow)
        .filter((spacetime): spacetime is Spacetime => spacetime !== undefined),
    setReward: (tenant, id, reward, feedback) =>
      rewardSpacetime.run(reward, feedback, tenant, id).changes > 0 || rewardRepeat.run(reward, feedback, tenant, id).changes > 0,
  };
}

/**
 * Spacetimes as JSON rows in a SQLite table (the embedded default), cache hits as compact rows of
 * a second one. Every weave saves one, so saves are group-committed (see createGroupCommit):
 * concurrent weaves share a transaction, and reads commit what is queued first.
 */
export function createSqliteSpacetimeStore(db: SqliteDatabase): SpacetimeStore {
  migrate(db, MIGRATIONS, 'spacetimes');
  const reads = createReads(db);
  const writes = createGroupCommit<Save>(db, createWriter(db));
  /** Reads see every queued write. */
  const current = <T>(work: () => T): Promise<T> =>
    settle(() => {
      writes.flush();
      return work();
    });
  return {
    save: (spacetime, repeatOf) => writes.write({ spacetime, repeatOf }),
    get: (tenant, id) => current(() => reads.byId(tenant, id)),
    list: (tenant, limit, offset) => current(() => reads.page(tenant, limit, offset)),
    setReward: (tenant, id, value, feedback = {}) => current(() => reads.setReward(tenant, id, value, JSON.stringify(feedback))),
    close: () => settle(() => writes.flush()),
  };
}
