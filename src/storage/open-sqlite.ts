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
 * Applies numbered schema steps once each, so an old data folder upgrades in place. Progress is
 * kept in `user_version`, or, when several stores share one file, per `namespace` in a table.
 */
export function migrate(db: SqliteDatabase, steps: readonly string[], namespace?: string): void {
  const version = namespace === undefined ? userVersion(db) : namespacedVersion(db, namespace);
  const current = version.read();
  steps.slice(current).forEach((sql, offset) => {
    db.transaction(() => {
      db.exec(sql);
      version.write(current + offset + 1);
    })();
  });
}

interface VersionSlot {
  read(): number;
  write(version: number): void;
}

function userVersion(db: SqliteDatabase): VersionSlot {
  return {
    read: () => Number(db.pragma('user_version', { simple: true })),
    write: (version) => void db.pragma(`user_version = ${version}`),
  };
}

function namespacedVersion(db: SqliteDatabase, namespace: string): VersionSlot {
  db.exec('CREATE TABLE IF NOT EXISTS schema_versions (namespace TEXT PRIMARY KEY, version INTEGER NOT NULL)');
  const read = db.prepare<[string], { version: number }>('SELECT version FROM schema_versions WHERE namespace = ?');
  const write = db.prepare('INSERT OR REPLACE INTO schema_versions (namespace, version) VALUES (?, ?)');
  return {
    read: () => read.get(namespace)?.version ?? 0,
    write: (version) => void write.run(namespace, version),
  };
}
