import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

import Database from 'better-sqlite3';

/** A synchronous SQLite connection (better-sqlite3). */
export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /**
   * FULL syncs the WAL on every commit, so a returned write survives power loss;
   * NORMAL survives a process crash and is cheaper. @default 'FULL'
   */
  readonly synchronous?: 'FULL' | 'NORMAL';
}

/** Opens (creating folders as needed) a SQLite file in WAL mode. `:memory:` works too. */
export function openSqlite(file: string, { synchronous = 'FULL' }: OpenSqliteOptions = {}): SqliteDatabase {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
  }
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('foreign_keys = ON');
  // Readers and the writer share one connection; a busy timeout only matters for other processes.
  db.pragma('busy_timeout = 5000');
  return db;
}

/**
 * Applies numbered schema steps once each, recording progress in `user_version`, so an old
 * data folder upgrades in place.
 */
export function migrate(db: SqliteDatabase, steps: readonly string[]): void {
  const current = Number(db.pragma('user_version', { simple: true }));
  steps.slice(current).forEach((sql, offset) => {
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${current + offset + 1}`);
    })();
  });
}
