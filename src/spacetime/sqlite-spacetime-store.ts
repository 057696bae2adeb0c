import { createGroupCommit, migrate, type SqliteDatabase } from '../storage/index.js';

import type { Spacetime, SpacetimeStore } from './types.js';

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
];

interface Row {
  readonly body: string;
  readonly reward: number | null;
}

type Stored = Omit<Spacetime, 'reward'>;

/** Dates travel as ISO strings; the original lost spacetimes to unserializable datetimes. */
function reviveDates(key: string, value: unknown): unknown {
  return key === 'createdAt' && typeof value === 'string' ? new Date(value) : value;
}

function fromRow(row: Row): Spacetime {
  const stored = JSON.parse(row.body, reviveDates) as Stored;
  return { ...stored, reward: row.reward };
}

/** Runs synchronous SQLite work so that a throw becomes a rejection, as the port promises. */
function settle<T>(work: () => T): Promise<T> {
  return new Promise((resolve) => {
    resolve(work());
  });
}

/**
 * Spacetimes as JSON rows in a SQLite table (the embedded default). Every weave saves one, so
 * saves are group-committed (see createGroupCommit): concurrent weaves share a transaction, and
 * reads commit what is queued first.
 */
export function createSqliteSpacetimeStore(db: SqliteDatabase): SpacetimeStore {
  migrate(db, MIGRATIONS, 'spacetimes');
  const insert = db.prepare(
    'INSERT INTO spacetimes (id, tenant, created_at, body, reward) VALUES (?, ?, ?, ?, ?)',
  );
  const byId = db.prepare<[string, string], Row>('SELECT body, reward FROM spacetimes WHERE tenant = ? AND id = ?');
  const page = db.prepare<[string, number, number], Row>(
    'SELECT body, reward FROM spacetimes WHERE tenant = ? ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?',
  );
  const reward = db.prepare('UPDATE spacetimes SET reward = ?, feedback = ? WHERE tenant = ? AND id = ?');
  const writes = createGroupCommit<Spacetime>(db, (spacetime) => {
    const { reward: value, ...rest } = spacetime;
    insert.run(spacetime.id, spacetime.tenant, spacetime.createdAt.getTime(), JSON.stringify(rest), value);
  });
  /** Reads see every queued write. */
  const current = <T>(work: () => T): Promise<T> =>
    settle(() => {
      writes.flush();
      return work();
    });
  return {
    save: (spacetime) => writes.write(spacetime),
    get: (tenant, id) =>
      current(() => {
        const row = byId.get(tenant, id);
        return row === undefined ? undefined : fromRow(row);
      }),
    list: (tenant, limit, offset) => current(() => page.all(tenant, limit, offset).map(fromRow)),
    setReward: (tenant, id, value, feedback = {}) => current(() => reward.run(value, JSON.stringify(feedback), tenant, id).changes > 0),
    close: () => settle(() => writes.flush()),
  };
}
