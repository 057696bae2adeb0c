import { migrate, type SqliteDatabase } from '../storage/index.js';

import type { BanditCounts, BanditStore } from './types.js';

const MIGRATIONS = [
  `CREATE TABLE bandit_posteriors (
     key TEXT PRIMARY KEY,
     successes REAL NOT NULL,
     failures REAL NOT NULL,
     pulls INTEGER NOT NULL
   );`,
];

/** Bandit outcome counts in a SQLite table, so learning survives restarts. */
export function createSqliteBanditStore(db: SqliteDatabase): BanditStore {
  migrate(db, MIGRATIONS, 'bandit');
  const upsert = db.prepare(
    `INSERT INTO bandit_posteriors (key, successes, failures, pulls) VALUES (?, ?, ?, ?)
     ON CONFLICT(key) DO UPDATE SET successes = excluded.successes, failures = excluded.failures, pulls = excluded.pulls`,
  );
  const all = db.prepare<[], BanditCounts & { key: string }>('SELECT key, successes, failures, pulls FROM bandit_posteriors');
  return {
    load: () => new Map(all.all().map(({ key, ...counts }) => [key, counts])),
    save: (key, counts) => void upsert.run(key, counts.successes, counts.failures, counts.pulls),
  };
}
