import { createGroupCommit, migrate, type SqliteDatabase } from '../storage/index.js';

import { repeatSpacetime, type RepeatFields, type Spacetime, type SpacetimeStore } from './types.js';

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
];

/** A spacetime row with, for a repeat, the body of the spacetime it repeats. */
const SELECT_ROW = `SELECT s.body, s.created_at, s.reward, o.body AS original
  FROM spacetimes s LEFT JOIN spacetimes o ON o.tenant = s.tenant AND o.id = s.repeat_of`;

interface Row {
  readonly body: string;
  /** Epoch milliseconds; a repeat's time lives only here. */
  readonly created_at: number;
  readonly reward: number | null;
  readonly original: string | null;
}

type Stored = Omit<Spacetime, 'reward'>;

/** A repeat's own fields as its body stores them: its time is the created_at column. */
type RepeatBody = Omit<RepeatFields, 'createdAt'>;

/**
 * A repeat's body: the fields `repeatSpacetime` took from it but the time, which the created_at
 * column holds. Leaving the Date out also spares JSON.stringify its toJSON call, half the cost on
 * an object this small.
 */
function repeatBody({ id, sessionId, durationMs, trace }: Spacetime): string {
  const body: RepeatBody = { id, sessionId, durationMs, trace };
  return JSON.stringify(body);
}

/** Dates travel as ISO strings; the original lost spacetimes to unserializable datetimes. */
function reviveDates(key: string, value: unknown): unknown {
  return key === 'createdAt' && typeof value === 'string' ? new Date(value) : value;
}

function fromRow(row: Row): Spacetime {
  if (row.original === null) {
    return { ...(JSON.parse(row.body, reviveDates) as Stored), reward: row.reward };
  }
  const original = { ...(JSON.parse(row.original, reviveDates) as Stored), reward: null };
  // No reviver: a repeat's body holds no dates (rows written before that held createdAt, which the column replaces).
  const own = { ...(JSON.parse(row.body) as RepeatBody), createdAt: new Date(row.created_at) };
  return { ...repeatSpacetime(original, own), reward: row.reward };
}

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

/** Inserts whole spacetimes, and repeats as their own fields plus a link (a fraction of the bytes). */
function createWriter(db: SqliteDatabase): (save: Save) => void {
  const insert = db.prepare('INSERT INTO spacetimes (id, tenant, created_at, body, reward) VALUES (?, ?, ?, ?, ?)');
  // Linked only when the original is there: its own save may have failed (saves are best effort).
  // Positional parameters (tenant and link given twice): binding by name cost ~4 µs a row more.
  const insertRepeat = db.prepare<[string, string, number, string, string, string, string]>(
    `INSERT INTO spacetimes (id, tenant, created_at, body, reward, repeat_of) SELECT ?, ?, ?, ?, NULL, ?
     WHERE EXISTS (SELECT 1 FROM spacetimes WHERE tenant = ? AND id = ?)`,
  );
  return ({ spacetime, repeatOf }) => {
    const { id, tenant } = spacetime;
    const createdAt = spacetime.createdAt.getTime();
    if (repeatOf !== undefined && insertRepeat.run(id, tenant, createdAt, repeatBody(spacetime), repeatOf, tenant, repeatOf).changes > 0) {
      return;
    }
    const { reward, ...rest } = spacetime;
    insert.run(id, tenant, createdAt, JSON.stringify(rest), reward);
  };
}

/**
 * Spacetimes as JSON rows in a SQLite table (the embedded default). Every weave saves one, so
 * saves are group-committed (see createGroupCommit): concurrent weaves share a transaction, and
 * reads commit what is queued first.
 */
export function createSqliteSpacetimeStore(db: SqliteDatabase): SpacetimeStore {
  migrate(db, MIGRATIONS, 'spacetimes');
  const byId = db.prepare<[string, string], Row>(`${SELECT_ROW} WHERE s.tenant = ? AND s.id = ?`);
  const page = db.prepare<[string, number, number], Row>(
    `${SELECT_ROW} WHERE s.tenant = ? ORDER BY s.created_at DESC, s.rowid DESC LIMIT ? OFFSET ?`,
  );
  const reward = db.prepare('UPDATE spacetimes SET reward = ?, feedback = ? WHERE tenant = ? AND id = ?');
  const writes = createGroupCommit<Save>(db, createWriter(db));
  /** Reads see every queued write. */
  const current = <T>(work: () => T): Promise<T> =>
    settle(() => {
      writes.flush();
      return work();
    });
  return {
    save: (spacetime, repeatOf) => writes.write({ spacetime, repeatOf }),
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
